package org.opencredit.testkit.data;

import java.util.SplittableRandom;

/** Word pools for plausible Chinese names of persons, firms and institutions. */
final class Names {

    private Names() {
    }

    /** Common surnames, most frequent in Zhejiang first; the first ones are drawn more often. */
    private static final String[] SURNAMES = ("陈王张李吴徐周林黄金朱胡杨沈叶郑潘钱蒋应何方孙汪邵施姚俞许刘赵"
            + "马章董毛洪童余韩冯曹程郭丁高罗宋谢楼蔡夏卢傅唐姜袁范孔石裘任严顾邱陆葛戴").split("");
    private static final String[] MALE = ("伟 强 磊 军 勇 杰 涛 斌 超 明 刚 平 辉 鹏 华 飞 鑫 波 宇 浩 凯 健 俊 帆 帅 旭 宁 龙 林 欢"
            + " 阳 建华 建国 志强 志明 国强 海涛 晓东 建军 建平 伟民 立新 永康 文杰 子豪 浩然 宇航 俊杰 一鸣 天佑 梓轩 家豪 晨阳 嘉诚 振宇").split(" ");
    private static final String[] FEMALE = ("芳 娜 敏 静 丽 艳 娟 霞 燕 玲 婷 雪 琳 颖 倩 洁 佳 慧 莉 萍 红 晶 瑶 悦 欣"
            + " 秀英 桂英 丽华 美玲 晓燕 海燕 雪梅 丽娟 婷婷 佳怡 欣怡 梓涵 诗琪 雨桐 思雨 语嫣 一诺 可馨 梦瑶 静怡 晓雯").split(" ");
    /** Characters of trade names (字号). */
    private static final String[] TRADE = ("恒 达 兴 华 鑫 盛 隆 泰 源 丰 瑞 祥 宏 伟 博 创 新 联 通 金 宝 龙 凤 天 海 江 山 明 光 辉"
            + " 德 信 诚 和 安 康 美 佳 嘉 乐 欣 荣 昌 发 利 旺 众 合 力 远 航 锦 程 晨 阳 星 云 峰 泽 润 禾 越 之 科 赛 朗 睿 迪"
            + " 拓 奥 卓 钱 湖 晟 浙 甬 瓯 汇 聚 森 腾 蓝 绿 艺 尚 优 益 亿").split(" ");
    private static final String[] PLACES = ("城东 城西 城南 城北 实验 新城 东湖 青山 文昌 育才 明珠 解放路 人民路 江南 凤凰 梅林 桃源"
            + " 龙山 白云 金沙 湖滨 文澜 崇文 求是 春晖 紫金 翠苑 长河 东山 南山 北苑 西溪 钱江 望江 清河 天竺 丁兰 九莲").split(" ");
    private static final String[] NUMERALS = "一 二 三 四 五 六 七 八 九".split(" ");

    static String person(SplittableRandom r, boolean male) {
        // square of a uniform favours the common surnames at the front of the pool
        double u = r.nextDouble();
        String surname = SURNAMES[(int) (u * u * SURNAMES.length)];
        String[] given = male ? MALE : FEMALE;
        return surname + given[r.nextInt(given.length)];
    }

    static String trade(SplittableRandom r) {
        int a = r.nextInt(TRADE.length);
        int b = r.nextInt(TRADE.length - 1);
        if (b >= a) {
            b++;
        }
        return TRADE[a] + TRADE[b];
    }

    static String place(SplittableRandom r) {
        return PLACES[r.nextInt(PLACES.length)];
    }

    static String numeral(SplittableRandom r) {
        return NUMERALS[r.nextInt(NUMERALS.length)];
    }

    /** Fills {p} with a place word and {n} with a numeral. */
    static String fill(String template, SplittableRandom r) {
        String s = template;
        if (s.indexOf('{') < 0) {
            return s;
        }
        if (s.contains("{p}")) {
            s = s.replace("{p}", place(r));
        }
        if (s.contains("{n}")) {
            s = s.replace("{n}", numeral(r));
        }
        return s;
    }
}

package org.opencredit.testkit.data;

/**
 * A GB/T 2260 administrative division of the generated province.
 *
 * @param shortName   the place word used in enterprise names (the city's for a city district)
 * @param weight      share of the province's enterprises registered there, in 1/10000
 * @param since       first birth year for which an identity number may carry the code
 * @param predecessor the code carried by persons born before {@code since}, or {@code null} if unknown
 */
public record Division(String code, String name, String shortName, int weight, int since, String predecessor) {

    /** The province row (xx0000). */
    public boolean isProvince() {
        return code.endsWith("0000");
    }

    /** A prefecture-level city row (xxxx00, not the province). */
    public boolean isCity() {
        return code.endsWith("00") && !isProvince();
    }

    /** A county-level division: district, county or county-level city. */
    public boolean isCounty() {
        return !code.endsWith("00");
    }

    /** The prefecture-level city's code (xxxx00). */
    public String cityCode() {
        return code.substring(0, 4) + "00";
    }
}

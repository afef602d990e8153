#!/usr/bin/env python3
"""Runs a real Prometheus (Debian package `prometheus`) against the locally running platform and
reports which dashboard panels return no data and which metrics the alert rules query are absent.

    java -jar local-platform/target/local-platform.jar &      # the README's run command
    python3 observability/check-live.py --traffic [--wait 45]

--traffic first drives what the boards show through the gateway with the demo keys the launcher
wrote to $OPENCREDIT_HOME/secrets.properties (default ./.local): an enterprise registered, records
stored on time and late, a duplicate, a conflict and a rejected one, a list entry proposed, notified
and objected to, credit checks, a person read refused for want of consent, a partner throttled for
probing personal data, a refused key and a 429 over a client's rate limit. Each run uses new codes,
so it can be repeated.

Targets: the gateway and the four services on their local ports (GATEWAY_PORT ... BLACKLIST_PORT,
defaults 8080-8084), labelled like the compose stack (job="opencredit", service=<name>). Exit code 1
when something returns no data. A panel over a counter that has not moved yet (no 429 so far, no
dead letter) returns no data honestly: the report says which, so you can tell.
"""
import json, os, re, shutil, subprocess, sys, tempfile, time, urllib.parse, urllib.request, urllib.error, glob

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PORT = 9099

def targets():
    names = [("gateway", "GATEWAY_PORT", 8080), ("enterprise-credit-service", "ENTERPRISE_PORT", 8081),
             ("personal-credit-service", "PERSONAL_PORT", 8082), ("rating-service", "RATING_PORT", 8083),
             ("blacklist-service", "BLACKLIST_PORT", 8084)]
    return [(n, int(os.environ.get(v, d))) for n, v, d in names]

def config():
    # the repository's alert rules too: the report says which alerts are pending or firing on live data
    rules = os.path.join(ROOT, "observability/prometheus/rules/*.rules.yml")
    lines = ["global:", "  scrape_interval: 5s", "  evaluation_interval: 5s", "rule_files:", f"  - '{rules}'", "scrape_configs:"]
    for name, port in targets():
        # labelled like the compose stack's Eureka job: job="opencredit", service=<name>
        lines += [f"  - job_name: {name}", "    metrics_path: /actuator/prometheus",
                  "    static_configs:", f"      - targets: ['127.0.0.1:{port}']", f"        labels: {{service: {name}}}",
                  "    relabel_configs:", "      - target_label: job", "        replacement: opencredit"]
    return "\n".join(lines) + "\n"

def query(expr):
    url = f"http://127.0.0.1:{PORT}/api/v1/query?" + urllib.parse.urlencode({"query": expr})
    with urllib.request.urlopen(url, timeout=10) as r:
        body = json.load(r)
    if body.get("status") != "success":
        raise RuntimeError(body)
    return body["data"]["result"]

def dashboard_exprs():
    for path in sorted(glob.glob(os.path.join(ROOT, "observability/grafana/dashboards/*.json"))):
        d = json.load(open(path))
        for p in d.get("panels", []):
            for t in p.get("targets", []):
                yield os.path.basename(path) + " / " + p["title"], t["expr"].replace("$service", ".*").replace("$region", ".*")

def rule_metrics():
    import yaml
    words = {"sum", "min", "max", "avg", "count", "by", "without", "on", "ignoring", "and", "or", "unless", "bool", "le", "up"}
    for path in sorted(glob.glob(os.path.join(ROOT, "observability/prometheus/rules/*.rules.yml"))):
        for g in yaml.safe_load(open(path))["groups"]:
            for r in g["rules"]:
                e = re.sub(r'"[^"]*"', '""', r["expr"])
                e = re.sub(r"\{[^}]*\}|\[[^\]]*\]", " ", e)
                e = re.sub(r"\b(by|without|on|ignoring)\s*\([^)]*\)", " ", e)
                for m in re.finditer(r"[a-zA-Z_:][a-zA-Z0-9_:]*", e):
                    function = re.match(r"\s*\(", e[m.end():]) is not None
                    if not function and m.group() not in words:
                        yield r["alert"], m.group()

def uscc(first17):
    """The GB 32100-2015 check character of a unified social credit code."""
    chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    c = 31 - sum(chars.index(ch) * w for ch, w in zip(first17, weights)) % 31
    return first17 + chars[0 if c == 31 else c]

def call(method, path, key=None, body=None, headers=None):
    gateway = f"http://127.0.0.1:{dict(targets())['gateway']}"
    data = None if body is None else json.dumps(body, ensure_ascii=False).encode()
    request = urllib.request.Request(gateway + path, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if key:
        request.add_header("X-API-Key", key)
    for k, v in (headers or {}).items():
        request.add_header(k, v)
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            return r.status, r.read().decode(), dict(r.headers)
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode(), dict(e.headers)

def traffic():
    home = os.environ.get("OPENCREDIT_HOME", os.path.join(ROOT, ".local"))
    keys = {}
    for line in open(os.path.join(home, "secrets.properties"), encoding="utf-8"):
        if line.startswith("demo.") and "=" in line:
            name, value = line.strip().split("=", 1)
            keys[name[len("demo."):]] = value
    dept, partner, office = keys["demo-market-supervision"], keys["demo-credit-agency"], keys["demo-credit-office"]
    run = time.strftime("%H%M%S") + f"{os.getpid() % 100:02d}"
    serial = f"{int(time.time()) % 10_000_000:07d}"
    code = uscc("91350100MA" + serial)
    steps = []
    def expect(what, got, *wanted):
        steps.append(f"{what}: {got[0]}" + ("" if got[0] in wanted else f" (expected {wanted}) {got[1][:200]}"))
        return got
    def client(body):
        got = expect("create client " + body["id"], call("POST", "/api/v1/admin/clients", office, body), 201)
        return json.loads(got[1])["key"] if got[0] == 201 else None
    expect("register enterprise", call("POST", "/api/v1/enterprises", dept, {"uscc": code, "name": "监控演示有限公司"}), 201)
    def penalty(record_id, days_ago, fine=1000):
        decided = time.strftime("%Y-%m-%d", time.localtime(time.time() - days_ago * 86400))
        return {"category": "ADMIN_PENALTY", "severity": "GENERAL", "departmentRecordId": record_id, "uscc": code,
                "subjectName": "监控演示有限公司", "decisionDate": decided,
                "penalty": {"documentNumber": record_id, "violationType": "无证经营", "penaltyCategory": "罚款",
                            "penaltyContent": "c", "fineAmount": fine, "authority": "福州市市场监督管理局"}}
    expect("record on time", call("POST", "/api/v1/records", dept, penalty(f"MON-{run}-1", 2)), 201)
    expect("record late", call("POST", "/api/v1/records", dept, penalty(f"MON-{run}-2", 40)), 201)
    expect("same record again", call("POST", "/api/v1/records", dept, penalty(f"MON-{run}-1", 2)), 200)
    expect("record id with other content", call("POST", "/api/v1/records", dept, penalty(f"MON-{run}-1", 2, fine=2000)), 409)
    expect("record refused", call("POST", "/api/v1/records", dept, dict(penalty(f"MON-{run}-3", 2), uscc=code[:17] + ("1" if code[17] == "0" else "0"))), 400)
    court = client({"id": f"monitor-court-{run}", "name": "监控演示法院", "kind": "DEPARTMENT", "department": "COURT",
                    "scopes": ["lists:read", "lists:write"]})
    got = expect("propose list entry", call("POST", "/api/v1/list-entries", court, {"listType": "JUDGMENT_DEFAULTER", "uscc": code,
                 "subjectName": "监控演示有限公司", "facts": "有履行能力而拒不履行", "decisionNumber": f"（2026）闽0102执{run}号"}), 201)
    if got[0] == 201:
        entry = json.loads(got[1])["id"]
        expect("notify", call("POST", f"/api/v1/list-entries/{entry}/steps", court, {"action": "NOTIFY", "reason": "决定书已送达"}), 200)
        expect("object", call("POST", f"/api/v1/list-entries/{entry}/steps", court, {"action": "OBJECT", "reason": "已履行完毕"}), 200)
    for scenario in ("GOVERNMENT_PROCUREMENT", "AIR_TRAVEL"):
        expect("credit check " + scenario, call("POST", "/api/v1/credit-checks", partner,
               {"uscc": code, "scenario": scenario, "purpose": "监控演示"}), 200)
    expect("register person", call("POST", "/api/v1/persons", office, {"identityNumber": "11010519491231002X", "name": "陈小明"}), 201, 409)
    lookup = {"identityNumber": "11010519491231002X"}
    expect("person read without consent", call("POST", "/api/v1/persons/lookup", partner, lookup, {"X-Purpose": "HIRING"}), 403)
    prober = client({"id": f"monitor-prober-{run}", "name": "x", "kind": "PARTNER", "scopes": ["persons:read"],
                     "limits": {"perSecond": 50, "burst": 50}})
    status = None
    for _ in range(30):
        status = call("POST", "/api/v1/persons/lookup", prober, lookup, {"X-Purpose": "HIRING"})[0]
        if status == 429:
            break
    steps.append(f"partner throttled after repeated refusals: {status}" + ("" if status == 429 else " (expected 429)"))
    expect("refused key", call("GET", "/api/v1/catalogue", "ock_wrong_key"), 401)
    limited = client({"id": f"monitor-limited-{run}", "name": "x", "kind": "PARTNER", "scopes": ["enterprises:read"],
                      "limits": {"perSecond": 1, "burst": 1}})
    codes = [call("GET", "/api/v1/catalogue", limited)[0] for _ in range(3)]
    steps.append(f"over the rate limit: {codes}" + ("" if 429 in codes else " (expected a 429)"))
    for _ in range(20):
        call("GET", f"/api/v1/enterprises/{code}", partner)
        call("GET", f"/api/v1/ratings/{code}", partner)
    for line in steps:
        print("check-live: traffic: " + line)

def main():
    wait = int(sys.argv[sys.argv.index("--wait") + 1]) if "--wait" in sys.argv else 45
    if "--traffic" in sys.argv:
        traffic()
    binary = shutil.which("prometheus")
    if not binary:
        sys.exit("prometheus is not installed: apt-get install prometheus")
    work = tempfile.mkdtemp(prefix="opencredit-prom-")
    cfg = os.path.join(work, "prometheus.yml")
    open(cfg, "w").write(config())
    proc = subprocess.Popen([binary, f"--config.file={cfg}", f"--storage.tsdb.path={work}/data",
                             f"--web.listen-address=127.0.0.1:{PORT}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        print(f"check-live: Prometheus on :{PORT}, scraping {len(targets())} targets every 5 s; waiting {wait} s")
        time.sleep(wait)
        down = [r["metric"].get("service") for r in query('up{job="opencredit"} == 0')]
        if down:
            print("check-live: targets DOWN:", ", ".join(down))
        empty, ok = [], []
        for where, expr in dashboard_exprs():
            series = query(expr)
            if series:
                ok.append(f"data ({len(series)} series): {where}")
            else:
                empty.append(f"no data: {where}: {expr}")
        for alert, name in sorted(set(rule_metrics())):
            if query(f"count({name})"):
                ok.append(f"present: {name} (alert {alert})")
            else:
                empty.append(f"absent: {name} (alert {alert})")
        for line in ok:
            print("check-live: " + line)
        alerts = query("ALERTS")
        loaded = sum(len(g["rules"]) for g in json.load(urllib.request.urlopen(f"http://127.0.0.1:{PORT}/api/v1/rules", timeout=10))["data"]["groups"])
        print(f"check-live: {loaded} alert rules loaded; " + (", ".join(sorted(f'{a["metric"]["alertname"]} {a["metric"].get("alertstate")}'
                                                                       for a in alerts)) or "no alert pending or firing"))
        print(f"check-live: {len(ok)} queries returned data, {len(empty)} did not")
        for line in empty:
            print("check-live: " + line)
        sys.exit(1 if empty or down else 0)
    finally:
        proc.terminate()
        proc.wait(10)
        shutil.rmtree(work, ignore_errors=True)

if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Runs a real Prometheus (Debian package `prometheus`) against the locally running platform and
reports which dashboard panels return no data and which metrics the alert rules query are absent.

    java -jar local-platform/target/local-platform.jar &      # the README's run command; use it a little
    python3 observability/check-live.py [--wait 45]

Targets: the gateway and the four services on their local ports (GATEWAY_PORT ... BLACKLIST_PORT,
defaults 8080-8084), labelled like the compose stack (job="opencredit", service=<name>). Exit code 1
when something returns no data. A panel over a counter that has not moved yet (no 429 so far, no
dead letter) returns no data honestly: the report says which, so you can tell.
"""
import json, os, re, shutil, subprocess, sys, tempfile, time, urllib.parse, urllib.request, glob

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PORT = 9099

def targets():
    names = [("gateway", "GATEWAY_PORT", 8080), ("enterprise-credit-service", "ENTERPRISE_PORT", 8081),
             ("personal-credit-service", "PERSONAL_PORT", 8082), ("rating-service", "RATING_PORT", 8083),
             ("blacklist-service", "BLACKLIST_PORT", 8084)]
    return [(n, int(os.environ.get(v, d))) for n, v, d in names]

def config():
    lines = ["global:", "  scrape_interval: 5s", "  evaluation_interval: 5s", "scrape_configs:"]
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

def main():
    wait = int(sys.argv[sys.argv.index("--wait") + 1]) if "--wait" in sys.argv else 45
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
        empty, ok = [], 0
        for where, expr in dashboard_exprs():
            if query(expr):
                ok += 1
            else:
                empty.append(f"no data: {where}: {expr}")
        for alert, name in sorted(set(rule_metrics())):
            if query(f"count({name})"):
                ok += 1
            else:
                empty.append(f"absent: {name} (alert {alert})")
        print(f"check-live: {ok} queries returned data")
        for line in empty:
            print("check-live: " + line)
        sys.exit(1 if empty or down else 0)
    finally:
        proc.terminate()
        proc.wait(10)
        shutil.rmtree(work, ignore_errors=True)

if __name__ == "__main__":
    main()

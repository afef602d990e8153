"""Generates the provisioned Grafana dashboards (observability/grafana/dashboards/*.json).

    python3 observability/grafana/generate-dashboards.py

Edit the panels here, regenerate, commit both. Every metric a panel queries must be exported by
the platform: LocalPlatformIT fails otherwise; check-live.py shows which panels have no data.
"""
import json, os
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "dashboards")
SEL='application=~"$service", region=~"$region"'
GSEL='region=~"$region"'
def templating():
    def var(name,label,q):
        return {"name":name,"label":label,"type":"query","datasource":{"type":"prometheus","uid":"prometheus"},
                "query":{"query":q,"refId":name},"definition":q,"refresh":2,"includeAll":True,"multi":True,
                "allValue":".*","current":{"selected":True,"text":["All"],"value":["$__all"]},"sort":1}
    return {"list":[var("region","Region","label_values(process_uptime_seconds, region)"),
                    var("service","Service","label_values(process_uptime_seconds{region=~\"$region\"}, application)")]}
def panel(pid,title,exprs,x,y,w=12,h=8,unit="short",legend=None,kind="timeseries",desc=""):
    targets=[]
    for i,e in enumerate(exprs):
        expr,leg=(e if isinstance(e,tuple) else (e,""))
        targets.append({"datasource":{"type":"prometheus","uid":"prometheus"},"expr":expr,"legendFormat":leg,"refId":chr(65+i)})
    p={"id":pid,"type":kind,"title":title,"description":desc,"datasource":{"type":"prometheus","uid":"prometheus"},
       "gridPos":{"x":x,"y":y,"w":w,"h":h},"targets":targets,
       "fieldConfig":{"defaults":{"unit":unit},"overrides":[]},"options":{}}
    if kind=="timeseries":
        p["options"]={"legend":{"displayMode":"table","placement":"bottom","calcs":["lastNotNull","max"]},"tooltip":{"mode":"multi"}}
    return p
def dash(uid,title,desc,panels,tags):
    return {"uid":uid,"title":title,"description":desc,"tags":["opencredit"]+tags,"timezone":"browser","schemaVersion":39,
            "version":1,"editable":False,"refresh":"30s","time":{"from":"now-3h","to":"now"},"templating":templating(),
            "annotations":{"list":[]},"panels":panels,"links":[]}
overview=dash("opencredit-overview","OpenCredit — platform overview",
 "Traffic, errors and latency per service, gateway route and API client",[
 panel(1,"Gateway requests per route",[(f'sum by (routeId) (rate(spring_cloud_gateway_requests_seconds_count{{{GSEL}}}[5m]))',"{{routeId}}")],0,0,unit="reqps"),
 panel(2,"Gateway 5xx ratio per route",[(f'(sum by (routeId) (rate(spring_cloud_gateway_requests_seconds_count{{{GSEL}, outcome="SERVER_ERROR"}}[5m])) or on (routeId) (0 * sum by (routeId) (rate(spring_cloud_gateway_requests_seconds_count{{{GSEL}}}[5m])))) / sum by (routeId) (rate(spring_cloud_gateway_requests_seconds_count{{{GSEL}}}[5m]))',"{{routeId}}")],12,0,unit="percentunit"),
 panel(3,"Gateway latency p95 per route",[(f'histogram_quantile(0.95, sum by (routeId, le) (rate(spring_cloud_gateway_requests_seconds_bucket{{{GSEL}}}[5m])))',"{{routeId}}")],0,8,unit="s"),
 panel(4,"Requests per API client and status",[(f'sum by (client, status) (rate(opencredit_gateway_client_requests_seconds_count{{{GSEL}}}[5m]))',"{{client}} {{status}}")],12,8,unit="reqps"),
 panel(5,"Mean latency per API client",[(f'sum by (client) (rate(opencredit_gateway_client_requests_seconds_sum{{{GSEL}}}[5m])) / sum by (client) (rate(opencredit_gateway_client_requests_seconds_count{{{GSEL}}}[5m]))',"{{client}}")],0,16,unit="s"),
 panel(6,"Refused keys and quota rejections",[(f'sum by (reason) (rate(opencredit_gateway_authentication_failures_total{{{GSEL}}}[5m]))',"401 {{reason}}"),
                                              (f'sum by (client, limit) (rate(opencredit_gateway_quota_rejections_total{{{GSEL}}}[5m]))',"429 {{client}} {{limit}}")],12,16,unit="reqps"),
 panel(7,"Service requests by status",[(f'sum by (application, status) (rate(http_server_requests_seconds_count{{{SEL}}}[5m]))',"{{application}} {{status}}")],0,24,unit="reqps"),
 panel(8,"Service latency p95",[(f'histogram_quantile(0.95, sum by (application, le) (rate(http_server_requests_seconds_bucket{{{SEL}}}[5m])))',"{{application}}")],12,24,unit="s"),
 panel(9,"Quota store (Redis) reachable",[(f'min by (application) (opencredit_gateway_quota_redis_up{{{GSEL}}})',"{{application}}")],0,32,w=8,kind="stat",
       desc="0 while gateways limit requests from memory (Redis down, or OPENCREDIT_QUOTA_STORE=local where the gauge is absent)"),
 panel(10,"API clients known / directory staleness",[(f'max(opencredit_gateway_clients{{{GSEL}}})',"clients"),(f'max(opencredit_gateway_clients_staleness_seconds{{{GSEL}}})',"staleness s")],8,32,w=8,kind="stat"),
 panel(11,"Instances up",[('sum by (service) (up{job="opencredit"})',"{{service}}")],16,32,w=8,kind="stat"),
],["overview"])
pipeline=dash("opencredit-pipeline","OpenCredit — credit pipeline",
 "Records in, events out and in, lag, dead letters, ratings, lists, credit checks, objections and personal-data denials",[
 panel(1,"Records stored by department and category",[(f'sum by (department, category) (rate(opencredit_records_ingested_total{{{SEL}, outcome="stored"}}[5m]))',"{{department}} {{category}}")],0,0,unit="ops"),
 panel(2,"Late submissions by department",[(f'sum by (department) (increase(opencredit_records_ingested_total{{{SEL}, outcome="stored", timeliness="late"}}[1d]))',"{{department}}")],12,0,unit="short",
       desc="Records stored more than 7 working days after the decision, last 24 hours"),
 panel(3,"Events published by topic",[(f'sum by (application, topic) (rate(opencredit_outbox_published_total{{{SEL}}}[5m]))',"{{application}} {{topic}}")],0,8,unit="ops"),
 panel(4,"Events consumed by consumer and outcome",[(f'sum by (consumer, topic, outcome) (rate(opencredit_events_consumed_total{{{SEL}}}[5m]))',"{{consumer}} {{topic}} {{outcome}}")],12,8,unit="ops"),
 panel(5,"Outbox backlog",[(f'sum by (application) (opencredit_outbox_backlog{{{SEL}}})',"{{application}}")],0,16,unit="short"),
 panel(6,"Age of the oldest unsent event",[(f'max by (application) (opencredit_outbox_oldest_age_seconds{{{SEL}}})',"{{application}}")],12,16,unit="s"),
 panel(7,"Consumer lag (max per client)",[(f'max by (application, client_id) (kafka_consumer_fetch_manager_records_lag_max{{{SEL}}})',"{{application}} {{client_id}}")],0,24,unit="short"),
 panel(8,"Dead-lettered events",[(f'sum by (application, topic) (increase(opencredit_events_dead_lettered_total{{{SEL}}}[1h]))',"{{application}} {{topic}}")],12,24,unit="short"),
 panel(9,"Audit events waiting / dropped",[(f'max(opencredit_gateway_audit_queue{{{GSEL}}})',"queued"),(f'sum(increase(opencredit_gateway_audit_dropped_total{{{GSEL}}}[1h]))',"dropped (1 h)")],0,32,unit="short"),
 panel(10,"Ratings by grade",[(f'sum by (subjectKind, grade) (opencredit_ratings{{{SEL}}})',"{{subjectKind}} {{grade}}")],12,32,unit="short",
       desc="Current ratings (recounted every minute by rating-service)"),
 panel(11,"Rating changes by new grade",[(f'sum by (subjectKind, grade) (rate(opencredit_rating_changes_total{{{SEL}}}[5m]))',"{{subjectKind}} {{grade}}")],0,40,unit="ops",
       desc="Score or grade changes, each one a rating changed event"),
 panel(12,"Re-rating job progress",[(f'max by (subjectKind) (opencredit_rating_job_done{{{SEL}}}) / max by (subjectKind) (opencredit_rating_job_subjects{{{SEL}}} > 0)',"{{subjectKind}} done"),
       (f'max by (subjectKind) (opencredit_rating_job_running{{{SEL}}})',"{{subjectKind}} running")],12,40,unit="percentunit",
       desc="Share of subjects done in the current phase of the latest job; running is 1 while a job is under way"),
 panel(13,"Re-rating job rate and ETA",[(f'max by (subjectKind) (opencredit_rating_job_rate_subjects_per_second{{{SEL}}})',"{{subjectKind}} subjects/s"),
       (f'max by (subjectKind) (opencredit_rating_job_eta_seconds{{{SEL}}})',"{{subjectKind}} ETA s")],0,48,unit="short"),
 panel(14,"List entries by type and state",[(f'max by (listType, state) (opencredit_list_entries{{{SEL}}})',"{{listType}} {{state}}")],12,48,unit="short",
       desc="Entries per list type in each due-process state (proposed, notified, objected, listed, removed, expired, withdrawn), recounted by blacklist-service"),
 panel(15,"List entry steps by type and action",[(f'sum by (listType, action) (increase(opencredit_list_entry_transitions_total{{{SEL}}}[1h]))',"{{listType}} {{action}}")],0,56,unit="short",
       desc="Due-process steps taken in the last hour (propose, notify, object, answer, list, extend, remove, withdraw, expire)"),
 panel(16,"Credit checks by scenario and verdict",[(f'sum by (scenario, verdict) (rate(opencredit_credit_checks_total{{{SEL}}}[5m]))',"{{scenario}} {{verdict}}")],12,56,unit="ops"),
 panel(17,"Objections open and overdue",[(f'max(opencredit_persons_objections_open{{{SEL}}})',"personal records open"),
       (f'max(opencredit_persons_objections_overdue{{{SEL}}})',"personal records overdue"),
       (f'max by (state) (opencredit_list_objections{{{SEL}}})',"list entries {{state}}")],0,64,unit="short",
       desc="Unanswered objections; overdue = past the 20-day (personal records) or the list type's deadline. Alerts: PersonalRecordObjectionsOverdue, ListObjectionsOverdue"),
 panel(18,"Personal-data access denied by reason",[(f'sum by (reason) (increase(opencredit_persons_access_denied_total{{{SEL}}}[1h]))',"{{reason}}"),
       (f'sum(increase(opencredit_persons_enumeration_throttled_total{{{SEL}}}[1h]))',"enumeration throttled")],12,64,unit="short",
       desc="Reads of personal data refused in the last hour (no purpose, no consent, out of scope ...) and callers slowed down for probing many identity numbers"),
 panel(19,"Records not stored by department and outcome",[(f'sum by (department, outcome) (increase(opencredit_records_ingested_total{{{SEL}, outcome!="stored"}}[1h]))',"{{department}} {{outcome}}")],0,72,unit="short",
       desc="Last hour: rejected (refused by the rules: 400/403, or a rejected line of a bulk file), duplicate (the same record again, nothing stored) and conflict (the department's record id with other content, 409)"),
],["pipeline"])
jvm=dash("opencredit-jvm","OpenCredit — JVM and runtime","Memory, GC, CPU and threads of every OpenCredit JVM",[
 panel(1,"Heap used",[(f'sum by (application, instance) (jvm_memory_used_bytes{{{SEL}, area="heap"}})',"{{application}} {{instance}}")],0,0,unit="bytes"),
 panel(2,"Non-heap used",[(f'sum by (application, instance) (jvm_memory_used_bytes{{{SEL}, area="nonheap"}})',"{{application}} {{instance}}")],12,0,unit="bytes"),
 panel(3,"GC pause time per second",[(f'sum by (application, instance) (rate(jvm_gc_pause_seconds_sum{{{SEL}}}[5m]))',"{{application}} {{instance}}")],0,8,unit="s"),
 panel(4,"Process CPU",[(f'max by (application, instance) (process_cpu_usage{{{SEL}}})',"{{application}} {{instance}}")],12,8,unit="percentunit"),
 panel(5,"Live threads",[(f'max by (application, instance) (jvm_threads_live_threads{{{SEL}}})',"{{application}} {{instance}}")],0,16,unit="short"),
 panel(6,"Uptime",[(f'max by (application, instance) (process_uptime_seconds{{{SEL}}})',"{{application}} {{instance}}")],12,16,unit="s",kind="stat"),
],["jvm"])
for name,d in [("platform-overview",overview),("credit-pipeline",pipeline),("jvm-runtime",jvm)]:
    with open(os.path.join(OUT, f"{name}.json"), "w") as f:
        json.dump(d,f,indent=2,ensure_ascii=False); f.write("\n")
print("ok")

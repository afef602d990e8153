#!/usr/bin/env bash
# Static checks of the docker-compose stack (no Docker engine needed):
#   - docker-compose.yml parses, interpolates and validates (docker-compose 1.29, `config -q`)
#   - observability/prometheus/prometheus.yml is a valid Prometheus config (promtool)
# Usage: .ci/compose-check.sh   (from anywhere; runs at the repository root)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

if ! command -v docker-compose >/dev/null 2>&1; then
  echo "compose-check: installing docker-compose from apt"
  # --no-install-recommends: only the validator, not the docker.io engine it recommends
  if ! { as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
         as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-compose >/dev/null; }; then
    # The validator is a tool, not the product: without a package mirror, say so loudly and skip.
    echo "compose-check: WARNING: docker-compose could not be installed; docker-compose.yml NOT validated" >&2
    exit 0
  fi
fi

# Throwaway values for the ${VAR:?} secret placeholders, in this script's environment only.
export GRAFANA_ADMIN_PASSWORD=ci-only-not-a-secret
export OPENCREDIT_KEY_PEPPER=ci-only-not-a-secret-ci-only-not-a-secret
export OPENCREDIT_TOKEN_SIGNING_JWKS='{"keys":[]}' OPENCREDIT_TOKEN_VERIFICATION_JWKS='{"keys":[]}'
export OPENCREDIT_BOOTSTRAP_ADMIN_KEY=ci-only-not-a-secret OPENCREDIT_PERSON_PEPPER=ci-only-not-a-secret-ci-only-not-a-secret
export OPENCREDIT_PERSONAL_ENCRYPTION_KEY=Y2ktb25seS1ub3QtYS1zZWNyZXQtY2ktb25seS1ub3Q= OPENCREDIT_PERSONAL_HASH_KEY=Y2ktb25seS1ub3QtYS1zZWNyZXQtY2ktb25seS1ub3Q=

echo "compose-check: $(docker-compose version --short 2>/dev/null || docker-compose version | head -1)"
docker-compose -f docker-compose.yml config -q
services=$(docker-compose -f docker-compose.yml config --services | tr '\n' ' ')
echo "compose-check: docker-compose.yml is valid; services: ${services}"

# Every service must have a memory limit and a pinned image or a build.
# The limits/pins check needs a Python with PyYAML (docker-compose's own Debian dependency has it).
py=""
for candidate in python3 /usr/bin/python3; do
  if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import yaml' 2>/dev/null; then py="$candidate"; break; fi
done
if [ -z "$py" ]; then
  echo "compose-check: WARNING: no Python with PyYAML; memory-limit and pinned-image checks skipped" >&2
else
docker-compose -f docker-compose.yml config | "$py" -c '
import sys, yaml
cfg = yaml.safe_load(sys.stdin)
bad = []
for name, svc in cfg["services"].items():
    mem = (((svc.get("deploy") or {}).get("resources") or {}).get("limits") or {}).get("memory") or svc.get("mem_limit")
    if not mem:
        bad.append(name + ": no memory limit")
    image = svc.get("image", "")
    tag = image.rsplit(":", 1)[1] if ":" in image.rsplit("/", 1)[-1] else ""
    if "build" not in svc and (not tag or tag == "latest"):
        bad.append(name + ": image not pinned (" + image + ")")
if bad:
    sys.exit("compose-check: " + "; ".join(bad))
print("compose-check: every service has a memory limit and a pinned image")
'
fi

# Without the secrets set, the file must refuse to render.
if env -u GRAFANA_ADMIN_PASSWORD docker-compose --env-file /dev/null -f docker-compose.yml config -q >/dev/null 2>&1; then
  echo "compose-check: docker-compose.yml rendered without GRAFANA_ADMIN_PASSWORD; secrets must be required" >&2
  exit 1
fi
echo "compose-check: missing secrets are refused"

if command -v promtool >/dev/null 2>&1; then
  promtool check config observability/prometheus/prometheus.yml
  for t in observability/prometheus/rules/*.test.yml; do
    (cd "$(dirname "$t")" && promtool test rules "$(basename "$t")")
  done
  # every alert has a unit test that expects it to fire (an alert nobody tested is the one that never fires)
  untested=""
  for alert in $(sed -n 's/^[[:space:]]*- alert:[[:space:]]*\([A-Za-z0-9_]*\).*/\1/p' observability/prometheus/rules/*.rules.yml); do
    if ! grep -A2 -h "alertname: ${alert}\$" observability/prometheus/rules/*.rules.test.yml | grep -q 'exp_labels'; then
      untested="${untested} ${alert}"
    fi
  done
  if [ -n "$untested" ]; then
    echo "compose-check: alerts without a promtool test in which they fire:${untested}" >&2
    exit 1
  fi
  echo "compose-check: observability/prometheus/prometheus.yml is valid ($(promtool --version 2>&1 | head -1)); every alert has a firing test"
else
  echo "compose-check: promtool not installed; skipped observability/prometheus/prometheus.yml (apt-get install prometheus)"
fi

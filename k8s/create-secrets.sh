#!/usr/bin/env bash
# Creates the Secrets that k8s/ refers to but the repository never contains.
#
#   java -jar local-platform/target/local-platform.jar secrets > opencredit.env   # once; keep it safe
#   k8s/create-secrets.sh opencredit.env                                         # namespace opencredit
#
# opencredit.env holds the gateway's key pepper, token signing keys (private JWK set) and bootstrap
# admin key, the services' token verification keys (public JWK set), personal-credit-service's
# encryption and hash keys and the person pepper (blacklist-service and personal-credit-service).
# Passwords (MongoDB users, Redis) and the MongoDB replica-set key file are generated here unless
# the env file sets them (<SERVICE>_MONGODB_PASSWORD, MONGODB_ROOT_PASSWORD, REDIS_PASSWORD, MONGODB_KEYFILE).
#
# An existing Secret is never overwritten: a new pepper or encryption key would invalidate every API
# key and make the stored identity numbers unreadable. To rotate, see k8s/README.md "Secrets".
# Each Secret goes only to the pods that need it (least privilege), so the table below is also the
# documentation of who gets what; k8s-check fails the build when a manifest refers to a Secret or key
# that is not in this table.
set -euo pipefail

env_file=${1:?usage: k8s/create-secrets.sh <env file from: java -jar local-platform/target/local-platform.jar secrets>}
namespace=${NAMESPACE:-opencredit}
# shellcheck disable=SC1090
set -a; . "$env_file"; set +a

rand() { openssl rand -hex 24; }
: "${GATEWAY_MONGODB_PASSWORD:=$(rand)}"
: "${ENTERPRISE_MONGODB_PASSWORD:=$(rand)}"
: "${PERSONAL_MONGODB_PASSWORD:=$(rand)}"
: "${RATING_MONGODB_PASSWORD:=$(rand)}"
: "${BLACKLIST_MONGODB_PASSWORD:=$(rand)}"
: "${MONGODB_ROOT_USERNAME:=root}"
: "${MONGODB_ROOT_PASSWORD:=$(rand)}"
: "${MONGODB_KEYFILE:=$(openssl rand -base64 741 | tr -d '\n')}"
: "${REDIS_PASSWORD:=$(rand)}"

# create_secret NAME KEY[=VARIABLE]...   (the value of KEY is $KEY, or $VARIABLE when given)
create_secret() {
  local name=$1; shift
  if kubectl -n "$namespace" get secret "$name" >/dev/null 2>&1; then
    echo "secret/$name exists: kept"
    return
  fi
  local file; file=$(mktemp); chmod 600 "$file"
  local pair key var
  for pair in "$@"; do
    key=${pair%%=*}; var=${pair#*=}
    [ -n "${!var:-}" ] || { rm -f "$file"; echo "missing value for $key ($var) of secret $name" >&2; exit 1; }
    printf '%s=%s\n' "$key" "${!var}" >> "$file"
  done
  kubectl -n "$namespace" create secret generic "$name" --from-env-file="$file"
  rm -f "$file"
}

# external_tls NAME: the Ingress certificate; cert-manager creates it, or:
#   kubectl -n opencredit create secret tls NAME --cert=fullchain.pem --key=privkey.pem
external_tls() {
  kubectl -n "$namespace" get secret "$1" >/dev/null 2>&1 \
    || echo "secret/$1 (TLS) not there yet: cert-manager creates it, or kubectl create secret tls $1 --cert=... --key=..."
}

kubectl get namespace "$namespace" >/dev/null 2>&1 || kubectl create namespace "$namespace"

create_secret gateway-secrets OPENCREDIT_KEY_PEPPER OPENCREDIT_TOKEN_SIGNING_JWKS OPENCREDIT_BOOTSTRAP_ADMIN_KEY MONGODB_PASSWORD=GATEWAY_MONGODB_PASSWORD
create_secret opencredit-token-verification OPENCREDIT_TOKEN_VERIFICATION_JWKS
create_secret enterprise-credit-service-secrets MONGODB_PASSWORD=ENTERPRISE_MONGODB_PASSWORD
# the person pepper goes to both services that key person pseudonyms with it (same value: they must agree)
create_secret personal-credit-service-secrets OPENCREDIT_PERSONAL_ENCRYPTION_KEY OPENCREDIT_PERSONAL_HASH_KEY OPENCREDIT_PERSON_PEPPER MONGODB_PASSWORD=PERSONAL_MONGODB_PASSWORD
create_secret rating-service-secrets MONGODB_PASSWORD=RATING_MONGODB_PASSWORD
create_secret blacklist-service-secrets OPENCREDIT_PERSON_PEPPER MONGODB_PASSWORD=BLACKLIST_MONGODB_PASSWORD
create_secret mongodb-admin MONGO_INITDB_ROOT_USERNAME=MONGODB_ROOT_USERNAME MONGO_INITDB_ROOT_PASSWORD=MONGODB_ROOT_PASSWORD
create_secret mongodb-keyfile keyfile=MONGODB_KEYFILE
create_secret redis-auth REDIS_PASSWORD
external_tls opencredit-tls

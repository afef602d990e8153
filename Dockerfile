# One parameterised image for the six Spring Boot applications of OpenCredit.
#
#   docker build --build-arg MODULE=rating-service --build-arg PORT=8083 \
#                -t opencredit/rating-service:0.1.0 .
#
# MODULE: discovery | gateway | enterprise-credit-service | personal-credit-service
#         | rating-service | blacklist-service
# PORT:   the HTTP port the application listens on (also used by the HEALTHCHECK).
#
# docker-compose.yml builds every application from this file with both args set.
# Plain Dockerfile syntax only (no RUN --mount), so it also builds with the classic builder.

ARG MAVEN_IMAGE=maven:3.9.9-eclipse-temurin-17
ARG RUNTIME_IMAGE=eclipse-temurin:17.0.15_6-jre-jammy

# ---------------------------------------------------------------------------
# build: the whole reactor is copied (the root pom lists every module), but only
# MODULE and the modules it depends on (-am) are compiled and packaged.
# ---------------------------------------------------------------------------
FROM ${MAVEN_IMAGE} AS build
ARG MODULE
RUN test -n "${MODULE}" || { echo "build arg MODULE is required" >&2; exit 1; }
WORKDIR /build
COPY . .
RUN mvn -B -q -DskipTests -pl "${MODULE}" -am package \
 && cp "${MODULE}/target/${MODULE}.jar" /build/app.jar

# ---------------------------------------------------------------------------
# runtime: JRE only, non-root, container-aware heap.
# ---------------------------------------------------------------------------
FROM ${RUNTIME_IMAGE}
ARG MODULE
ARG PORT=8080

# The HEALTHCHECK uses curl. Temurin's 17 Ubuntu images have shipped curl so far,
# but newer Temurin lines (22+) dropped it, so install it explicitly rather than
# rely on the base image (a no-op when it is already there).
RUN set -eux; \
    apt-get update; \
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl; \
    rm -rf /var/lib/apt/lists/*; \
    groupadd --system --gid 10001 opencredit; \
    useradd --system --uid 10001 --gid opencredit --home-dir /app --shell /usr/sbin/nologin opencredit; \
    mkdir -p /app; \
    chown opencredit:opencredit /app

WORKDIR /app
COPY --from=build --chown=opencredit:opencredit /build/app.jar /app/app.jar

LABEL org.opencontainers.image.title="opencredit-${MODULE}" \
      org.opencontainers.image.description="OpenCredit ${MODULE}" \
      org.opencontainers.image.vendor="OpenCredit"

ENV MODULE=${MODULE} \
    PORT=${PORT} \
    SERVER_PORT=${PORT} \
    JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"

USER 10001:10001
EXPOSE ${PORT}

# Readiness (not just liveness): healthy means the app can serve traffic, which is
# what docker-compose's `condition: service_healthy` waits for. The probe group
# needs management.endpoint.health.probes.enabled=true outside Kubernetes
# (docker-compose.yml sets MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED=true).
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=5 \
    CMD curl -fsS -o /dev/null "http://localhost:${PORT}/actuator/health/readiness" || exit 1

# exec: java becomes PID 1 and receives SIGTERM for a graceful shutdown.
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/app.jar"]

# One image per module: docker compose builds it with MODULE=command-side, query-side or gateway.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
# The whole reactor once: every module's image reuses this cached stage.
RUN ./mvnw -B -q -DskipTests package

FROM eclipse-temurin:17-jdk AS layers
ARG MODULE
WORKDIR /layers
COPY --from=build /src/${MODULE}/target/${MODULE}-0.1.0-SNAPSHOT-exec.jar app.jar
# Dependencies change less often than our code: separate layers let a rebuild push and pull only what changed.
RUN java -Djarmode=tools -jar app.jar extract --layers --destination extracted

FROM eclipse-temurin:17-jre
# The Ubuntu-based Temurin images ship curl today (adoptium/containers#255 keeps it "for historical reasons");
# install it only if a future base drops it, since the HEALTHCHECK below needs it.
RUN command -v curl >/dev/null || (apt-get update && apt-get install -y --no-install-recommends curl \
        && rm -rf /var/lib/apt/lists/*)
RUN groupadd --system --gid 10001 commerce && useradd --system --uid 10001 --gid commerce --home-dir /app commerce \
    && mkdir -p /app /data && chown commerce:commerce /data
WORKDIR /app
COPY --from=layers /layers/extracted/dependencies/ ./
COPY --from=layers /layers/extracted/spring-boot-loader/ ./
COPY --from=layers /layers/extracted/snapshot-dependencies/ ./
COPY --from=layers /layers/extracted/application/ ./
USER commerce
ENV AXONIQ_UPDATE_CHECKER_DISABLED=true \
    DATA_DIR=/data \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
# Liveness lives where the actuator is: the management port when one is set, the HTTP port otherwise.
HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=3 \
    CMD curl -fsS -o /dev/null "http://localhost:${MANAGEMENT_SERVER_PORT:-${SERVER_PORT:-8080}}/actuator/health/liveness" || exit 1
ENTRYPOINT ["java", "-jar", "/app/app.jar"]

# plugin-io container image.
#
# Build:  docker build -t plugin-io .
# Run:    docker run -p 8080:8080 -v "$PWD/plugins:/opt/plugin-io/plugins:ro" plugin-io
#
# Stage 1 builds the Spring Boot jar with the Maven wrapper and extracts its layers; stage 2
# copies the layers, least often changed first, onto a JRE so that an image update usually
# ships only the small application layer. Plugin jars placed in /opt/plugin-io/plugins are on
# the class path at start-up (Spring Boot's PropertiesLauncher, loader.path).

FROM eclipse-temurin:17-jdk AS build
WORKDIR /workspace

# Dependencies first: this layer is rebuilt only when the pom or the wrapper changes.
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
RUN ./mvnw --batch-mode --no-transfer-progress dependency:go-offline

COPY src/ src/
# The JavaScript client is served by the service (/plugin-io/client/*.js).
COPY clients/js/src/ clients/js/src/
RUN ./mvnw --batch-mode --no-transfer-progress package -DskipTests -Dmaven.test.skip=true -Dspotless.apply.skip=true \
    && find target -maxdepth 1 -name 'plugin-io-*.jar' ! -name '*-plugin-api.jar' -exec cp {} app.jar \; \
    && java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

FROM eclipse-temurin:17-jre
LABEL org.opencontainers.image.title="plugin-io" \
      org.opencontainers.image.description="Hosts Canvas-style plugins' HTTP routes and WebSocket channels"

# A fixed numeric id, so that Kubernetes can check runAsNonRoot without a user database.
RUN groupadd --system --gid 10001 pluginio \
    && useradd --system --uid 10001 --gid pluginio --home-dir /opt/plugin-io --shell /usr/sbin/nologin pluginio \
    && mkdir -p /opt/plugin-io/plugins \
    && chown pluginio:pluginio /opt/plugin-io/plugins

WORKDIR /opt/plugin-io
COPY --from=build /workspace/extracted/dependencies/ ./
COPY --from=build /workspace/extracted/spring-boot-loader/ ./
COPY --from=build /workspace/extracted/snapshot-dependencies/ ./
COPY --from=build /workspace/extracted/application/ ./

USER 10001:10001

# Heap as a share of the container's memory limit (the JVM reads the cgroup limit); the rest is
# for metaspace, thread stacks and Netty's direct buffers. An OutOfMemoryError ends the process so
# that Kubernetes restarts it instead of leaving a half-working replica.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75.0 -XX:InitialRAMPercentage=50.0 -XX:+ExitOnOutOfMemoryError" \
    LOADER_PATH=/opt/plugin-io/plugins

EXPOSE 8080
# Kubernetes probes /actuator/health/{liveness,readiness}; the JRE image has no HTTP client.
HEALTHCHECK NONE
ENTRYPOINT ["java", "-cp", "/opt/plugin-io", "org.springframework.boot.loader.launch.PropertiesLauncher"]

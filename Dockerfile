# syntax=docker/dockerfile:1
# The image of an AlertPilot service; the build argument MODULE names which: ingest-service, remediation-service,
# notifier-service or console. One file for the four: they differ only in the jar they run.
#
# Build the jar first, then the image, both from the repository root (the build context):
#   ./mvnw -B -pl ingest-service -am package -DskipTests
#   docker build --build-arg MODULE=ingest-service -t alertpilot/ingest-service:0.1.0-SNAPSHOT .
#
# Stage 1 splits the repackaged Spring Boot jar (classifier "exec") into its layers, so that a code change only
# replaces the small "application" layer; stage 2 is a plain JRE that runs them as a non-root user.
#
# Start-up: with a JDK 25 runtime image, the JDK's AOT cache made by a training run of the extracted jar brings time
# to healthy from about 20 s to 8 s on 2 shared cores (BENCHMARKS.md, "Start-up: the AOT cache", has the recipe).

ARG JRE_IMAGE=eclipse-temurin:21-jre

FROM ${JRE_IMAGE} AS extract
# required: the Maven module of the service
ARG MODULE
# the project version in the jar's name
ARG VERSION=0.1.0-SNAPSHOT
RUN case "${MODULE}" in \
      ingest-service|remediation-service|notifier-service|console) ;; \
      *) echo "MODULE is '${MODULE}': pass --build-arg MODULE=ingest-service, remediation-service, notifier-service or console" >&2; \
         exit 1 ;; \
    esac
WORKDIR /build
ARG JAR_FILE=${MODULE}/target/${MODULE}-${VERSION}-exec.jar
COPY ${JAR_FILE} app.jar
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

FROM ${JRE_IMAGE}
ARG MODULE
LABEL org.opencontainers.image.title="alertpilot-${MODULE}" \
      org.opencontainers.image.description="AlertPilot: the ${MODULE} (webhooks onto Kafka, remediation playbooks, incidents and paging, or the operator console)"
RUN groupadd --system --gid 10001 alertpilot \
    && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
       --shell /usr/sbin/nologin alertpilot
WORKDIR /app
# least changing layer first
COPY --from=extract /build/extracted/dependencies/ ./
COPY --from=extract /build/extracted/spring-boot-loader/ ./
COPY --from=extract /build/extracted/snapshot-dependencies/ ./
COPY --from=extract /build/extracted/application/ ./
# Container-aware heap (half of the memory limit, not of the node: each service needs about 130-170 MiB outside its
# heap), fail fast on OutOfMemoryError so the orchestrator restarts the container, temp files in /tmp (the only
# writable path with a read-only root file system).
# Replace JAVA_TOOL_OPTIONS as a whole to change them (the Helm chart sets it from values).
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=50.0 -XX:InitialRAMPercentage=25.0 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp -Dfile.encoding=UTF-8" \
    SERVER_PORT=8080
USER 10001:10001
EXPOSE 8080
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]

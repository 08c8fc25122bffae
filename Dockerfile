ARG BUILD_IMAGE=eclipse-temurin:17-jdk
ARG BASE_IMAGE=eclipse-temurin:25-jre

FROM ${BUILD_IMAGE} AS build
WORKDIR /build
COPY mvnw ./
COPY .mvn .mvn
COPY pom.xml ./
COPY src src
RUN ./mvnw -B -q -DskipTests package

FROM ${BASE_IMAGE}
RUN groupadd --gid 10001 ipc && useradd --uid 10001 --gid ipc --no-create-home --home-dir /app ipc
WORKDIR /app
COPY --from=build /build/target/ipc-framework-*-exec.jar /app/app.jar
COPY config/application.yml /app/config/application.yml
USER 10001:10001
ENV SERVER_PORT=8080 IPC_TCP_PORT=8888 IPC_PORT_FILE=/tmp/ipc-http.port
EXPOSE 8888 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s CMD curl -fsS "http://127.0.0.1:$(cat /tmp/ipc-http.port 2>/dev/null || echo ${SERVER_PORT})/actuator/health" || exit 1
ENTRYPOINT ["java", "-jar", "/app/app.jar"]

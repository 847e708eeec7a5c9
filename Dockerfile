# Ferry image: built from this project with Maven, run on a JRE.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -ntp -q dependency:go-offline
COPY src src
COPY processes processes
COPY forms forms
RUN mvn -B -ntp -q package -DskipTests

FROM eclipse-temurin:17-jre
# curl for the healthchecks (docker-compose.yml: Ferry's /actuator/health/readiness, the simulator's /simulator/health)
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
RUN useradd --system --uid 1001 ferry && mkdir -p /app/data && chown ferry /app/data
WORKDIR /app
COPY jvm.options /app/jvm.options
COPY --from=build /src/target/ferry-*.jar /tmp/ferry.jar
# Start-up: the jar unpacked (classes load from plain jars) and a class data sharing archive made by
# a training start that stops once the application context is up (an in-memory database, nothing
# kept): the JVM maps the classes Ferry loads instead of reading and verifying them each time.
RUN java -Djarmode=tools -jar /tmp/ferry.jar extract --destination /app/ferry && rm /tmp/ferry.jar \
  && mkdir /tmp/cds && cd /tmp/cds \
  && java @/app/jvm.options -XX:ArchiveClassesAtExit=/app/ferry.jsa -Dspring.context.exit=onRefresh \
       -jar /app/ferry/ferry.jar --spring.datasource.url=jdbc:h2:mem:cds --ferry.admin.password=cds-training \
       --ferry.transfer.store=/tmp/cds/packages --logging.level.root=warn \
  && cd /app && rm -rf /tmp/cds
# glibc's malloc keeps one arena per thread that allocates; two are enough and keep native memory flat
ENV MALLOC_ARENA_MAX=2
USER ferry
EXPOSE 8080
# Ferry. The simulator alone runs from the same image (docker-compose.yml's simulator service):
#   java -cp /app/ferry/ferry.jar dev.ferry.simulator.SimulatorApplication
# JAVA_OPTS: further JVM options, after (and so over) jvm.options, e.g. JAVA_OPTS=-Xmx1g
ENTRYPOINT ["sh", "-c", "exec java @/app/jvm.options -XX:SharedArchiveFile=/app/ferry.jsa $JAVA_OPTS -jar /app/ferry/ferry.jar \"$@\"", "ferry"]

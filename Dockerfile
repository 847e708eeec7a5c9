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
COPY --from=build /src/target/ferry-*.jar /app/ferry.jar
USER ferry
EXPOSE 8080
# Ferry. The simulator alone runs from the same jar (docker-compose.yml's simulator service):
#   java -cp /app/ferry.jar -Dloader.main=dev.ferry.simulator.SimulatorApplication org.springframework.boot.loader.launch.PropertiesLauncher
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/ferry.jar"]

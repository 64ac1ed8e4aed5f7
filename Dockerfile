# JuriSim for headless runs in a container (docs/install.md). From the repository root:
#   docker build -t jurisim .
#   docker run --rm -v "$PWD/runs:/jurisim/runs" jurisim run scenarios/small-demo.yaml --out runs/demo
# The image holds the runnable jar (no Spark) and the scenarios; runs go to /jurisim/runs, mount it to keep them.
# Own scenarios: mount them too, e.g. -v "$PWD/my:/jurisim/my" ... run my/scenario.yaml.

# Build stage: the default build (no Spark), with the Maven Wrapper of the repository
FROM eclipse-temurin:17-jdk-jammy AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
COPY src/ src/
RUN ./mvnw -B -q -DskipTests package

# Run stage: a Java 17 runtime, the fonts the charts are drawn with, the jar and the scenarios
FROM eclipse-temurin:17-jre-jammy
RUN apt-get update \
    && apt-get install -y --no-install-recommends fontconfig fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/target/jurisim-0.1.0-all.jar /opt/jurisim/lib/jurisim.jar
COPY scenarios/ /jurisim/scenarios/
COPY README.md LICENSE NOTICE /opt/jurisim/
WORKDIR /jurisim
# headless: charts are drawn without a display; the heap follows the container's memory limit
ENTRYPOINT ["java", "-Djava.awt.headless=true", "-XX:MaxRAMPercentage=75", "-jar", "/opt/jurisim/lib/jurisim.jar"]
CMD ["--help"]

# The `sov` image: one jar for the operator (`sov operator`), the gateway (`sov gateway`) and the embedded
# CPU engine (`sov engine`); the Helm chart and `sov render` pass the subcommand as the container args.
# Not built in this repository's CI (no container engine on the build machines); see docs/kubernetes.md.
#
#   docker build -t sovereign/sov:0.1.0 .

FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests -Dmaven.javadoc.skip=true package \
 && cp sov-cli/target/sov.jar /sov.jar

FROM eclipse-temurin:25-jre
# uid/gid 1001: the owner of the shared weights volume in the reference platform's access point.
RUN groupadd --gid 1001 sov && useradd --uid 1001 --gid 1001 --home-dir /tmp --no-create-home sov
COPY --from=build /sov.jar /opt/sov/sov.jar
USER 1001:1001
ENV HOME=/tmp
EXPOSE 8000 8080
ENTRYPOINT ["java", "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", \
            "-XX:+UseCompactObjectHeaders", "-XX:MaxRAMPercentage=75", "-jar", "/opt/sov/sov.jar"]
CMD ["--help"]

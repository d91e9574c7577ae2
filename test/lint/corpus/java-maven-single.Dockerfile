# expect-rules: heavy-base-image, no-multi-stage, runs-as-root
FROM maven:3.9-eclipse-temurin-21
WORKDIR /app
COPY pom.xml .
COPY src ./src
RUN mvn -B -q package -DskipTests
CMD ["java", "-jar", "target/app.jar"]

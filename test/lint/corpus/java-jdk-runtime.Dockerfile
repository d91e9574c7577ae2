# expect-rules: heavy-base-image, add-instead-of-copy, runs-as-root
FROM gradle:8.8-jdk21 AS build
WORKDIR /home/gradle/src
COPY --chown=gradle:gradle . .
RUN gradle bootJar --no-daemon

FROM eclipse-temurin:21-jdk
ADD build/libs/app.jar /app.jar
COPY --from=build /home/gradle/src/build/libs/*.jar /app/
ENTRYPOINT ["java", "-jar", "/app.jar"]

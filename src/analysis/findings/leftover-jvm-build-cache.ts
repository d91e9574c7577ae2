import { leftoverDetector } from "./leftovers.js";

export default leftoverDetector({
  id: "leftover-jvm-build-cache",
  label: "Maven/Gradle cache",
  advice: "Build the jar in a builder stage and copy only the jar into the runtime image.",
  contains: [".m2/repository/", ".gradle/"],
  roots: [/^((?:.*\/)?\.m2\/repository)\//, /^((?:.*\/)?\.gradle\/(?:caches|wrapper\/dists))\//],
  meta: {
    severity: "warning",
    category: "size",
    summary: "Maven repository (~/.m2/repository) or Gradle caches left in a layer",
    looksFor: "regular files under .m2/repository, .gradle/caches and .gradle/wrapper/dists",
    docs: {
      what: "Reports, per layer, the bytes of the Maven local repository and Gradle's dependency and wrapper caches.",
      why: "The runtime needs the built jar, not every dependency and plugin the build downloaded (docs/guide.md#2-multi-stage-builds: Java on a JDK builder, distroless/java at run time).",
      example:
        'FROM maven:3-eclipse-temurin-21\nCOPY . /src\nRUN mvn -f /src package\nCMD ["java", "-jar", "/src/target/app.jar"]\n',
      useInstead:
        'FROM maven:3-eclipse-temurin-21 AS build\nCOPY . /src\nRUN mvn -f /src package\n\nFROM gcr.io/distroless/java21\nCOPY --from=build /src/target/app.jar /app.jar\nCMD ["/app.jar"]\n',
    },
  },
});

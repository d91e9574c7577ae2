FROM openjdk:16

COPY ./build/libs/*.jar ./

EXPOSE 8080

CMD java -jar ./*.jar
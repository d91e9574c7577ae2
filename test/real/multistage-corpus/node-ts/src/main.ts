declare function require(name: string): any;
const greet: (who: string) => string = require("greet");
const names: string[] = ["ballast", "typescript"];
for (const n of names) console.log(greet(n));

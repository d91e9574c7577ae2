/** History helpers live in model/ (reporters use them too); re-exported for analysis code. */
export { instructionOf, historyPerLayer } from "../model/history.js";

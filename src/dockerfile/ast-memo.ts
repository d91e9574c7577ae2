import { Instruction } from "dockerfile-ast";

let memoized = false;

/**
 * dockerfile-ast tokenises an instruction's arguments again on every getArguments(), and its
 * own constructors and getters call it five to seven times per instruction: a third of the
 * parse time of a long file. An instruction's tokens never change, so they are computed once
 * per instance; callers get a copy, since ModifiableInstruction shifts the flags off the array.
 */
export function memoizeArgumentTokens(): void {
  if (memoized) return;
  memoized = true;
  const proto = Instruction.prototype as unknown as { getRawArguments(): unknown[] };
  const tokenize = proto.getRawArguments;
  const tokens = new WeakMap<object, unknown[]>();
  proto.getRawArguments = function (this: object): unknown[] {
    let args = tokens.get(this);
    if (!args) tokens.set(this, (args = tokenize.call(this)));
    return args.slice();
  };
}

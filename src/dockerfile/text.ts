/** Offset ↔ line/column conversion for one text (UTF-16 offsets, as JS strings and both parsers use). */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  /** Offset of a 0-based line/character position (LSP style, as dockerfile-ast reports). */
  offset(pos: { line: number; character: number }): number {
    const start = this.starts[Math.min(pos.line, this.starts.length - 1)] ?? 0;
    return Math.min(start + pos.character, this.text.length);
  }

  /** 1-based line and column of an offset. */
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo] + 1 };
  }
}

/** Text cut out of a larger text, with the offset in the larger text of each character. */
export interface MappedText {
  text: string;
  /** map[i] is the source offset of text[i]; map[text.length] is the end. */
  map: number[];
}

/** Builds a MappedText piece by piece. */
export class MappedTextBuilder {
  private chars: string[] = [];
  private map: number[] = [];

  push(source: string, from: number, to: number): void {
    for (let i = from; i < to; i++) {
      this.chars.push(source[i]);
      this.map.push(i);
    }
  }

  /** Adds characters that do not exist in the source, mapped onto `at`. */
  pushSynthetic(text: string, at: number): void {
    for (const ch of text) {
      this.chars.push(ch);
      this.map.push(at);
    }
  }

  build(end: number): MappedText {
    return { text: this.chars.join(""), map: [...this.map, end] };
  }
}

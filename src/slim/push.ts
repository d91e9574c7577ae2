/** Registry push options: the same credentials and TLS flags as `analyze`. */
export interface PushOptions {
  creds?: string;
  authfile?: string;
  tlsVerify?: boolean;
  env?: NodeJS.ProcessEnv;
}

import type { OutputImage } from "./output-image.js";

export async function pushImage(_image: OutputImage, _ref: string, _o: PushOptions): Promise<void> {
  throw new Error("not yet");
}

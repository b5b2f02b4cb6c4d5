/** Characters as a reader counts them (code points, so "你好" is 2) and a rough token estimate. */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/**
 * About how many tokens a BPE tokenizer makes of the text: ~4 characters per token for Latin
 * script, ~1 per CJK character. An estimate shown as "~N tokens", never used for limits.
 */
export function estimateTokens(text: string): number {
  let cjk = 0;
  let other = 0;
  for (const char of text) {
    if (/[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]/.test(char)) cjk += 1;
    else other += 1;
  }
  return Math.ceil(cjk + other / 4);
}

// Minimal declarations for untyped CommonJS dependencies used by the extractor.
declare module 'lunar-javascript' {
  interface SolarDay {
    getYear(): number;
    getMonth(): number;
    getDay(): number;
    toYmd(): string;
  }
  interface LunarDay {
    getSolar(): SolarDay;
    getJieQiTable(): Record<string, SolarDay>;
  }
  const lunar: { Lunar: { fromYmd(y: number, m: number, d: number): LunarDay } };
  export default lunar;
}
declare module 'mammoth' {
  const mammoth: {
    extractRawText(input: { buffer: Buffer }): Promise<{ value: string; messages: unknown[] }>;
    convertToHtml(input: { buffer: Buffer }): Promise<{ value: string; messages: unknown[] }>;
  };
  export default mammoth;
}

import type { CompileContext } from './context.js';

/** How one asserted `format` is checked and reported. */
export interface FormatCheck {
  /** a boolean JS expression testing the string in `x` */
  test: (x: string) => string;
  type: string;
  msg: string;
}

const FORMATS: Record<string, { helper: string; type: string; msg: string }> = {
  uuid: { helper: 'fUuid', type: 'uuid_parsing', msg: 'Input should be a valid UUID' },
  'date-time': { helper: 'fDateTime', type: 'datetime_parsing', msg: 'Input should be a valid datetime' },
  date: { helper: 'fDate', type: 'date_parsing', msg: 'Input should be a valid date' },
  time: { helper: 'fTime', type: 'time_parsing', msg: 'Input should be a valid time' },
  email: { helper: 'fEmail', type: 'value_error', msg: 'value is not a valid email address' },
  uri: { helper: 'fUri', type: 'url_parsing', msg: 'Input should be a valid URL' },
  ipv4: { helper: 'fIpv4', type: 'ip_v4_address', msg: 'Input is not a valid IPv4 address' },
  ipv6: { helper: 'fIpv6', type: 'ip_v6_address', msg: 'Input is not a valid IPv6 address' },
  byte: { helper: 'fByte', type: 'base64_decode', msg: 'Input should be valid base64' },
};

/** The names of the formats that are asserted; every other format is an annotation and ignored. */
export const ASSERTED_FORMATS = Object.keys(FORMATS);

/** The check for an asserted format (registering its runtime helper), or undefined for an ignored format. */
export function formatCheck(ctx: CompileContext, format: string): FormatCheck | undefined {
  if (!Object.prototype.hasOwnProperty.call(FORMATS, format)) return undefined;
  const f = FORMATS[format]!;
  ctx.helpers.add(f.helper);
  return { test: (x) => `${f.helper}(${x})`, type: f.type, msg: f.msg };
}

import AjvModule, { type ErrorObject, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';

// Both packages are CommonJS with a `default` property; unwrap it the same way under tsx and tsc.
const Ajv = ((AjvModule as any).default ?? AjvModule) as new (o: Options) => import('ajv').default;
const addFormats = ((addFormatsModule as any).default ?? addFormatsModule) as (
  a: import('ajv').default,
) => import('ajv').default;

/**
 * Two validators: bodies are strict (no type coercion, unknown fields rejected, nothing removed),
 * query strings and params coerce "1" → 1 because that is how they travel.
 */
export function makeValidatorCompiler() {
  const bodyAjv = makeAjv({ coerceTypes: false });
  const queryAjv = makeAjv({ coerceTypes: 'array' });
  return ({ schema, httpPart }: { schema: object; httpPart?: string }) =>
    (httpPart === 'body' ? bodyAjv : queryAjv).compile(schema);
}

/** An ajv with formats (date, date-time …); nothing removed, defaults applied. */
export function makeAjv(o: Pick<Options, 'coerceTypes'>) {
  return addFormats(
    new Ajv({ allErrors: false, verbose: true, removeAdditional: false, useDefaults: true, strict: false, ...o }),
  );
}

const TYPE_NAMES: Record<string, string> = {
  string: '文本',
  integer: '整数',
  number: '数字',
  boolean: '是/否',
  array: '列表',
  object: '对象',
  null: '空值',
};
const PART_NAMES: Record<string, string> = {
  body: '请求内容',
  querystring: '查询参数',
  params: '路径参数',
  headers: '请求头',
};

function fieldLabel(e: ErrorObject, name: string) {
  const title = (e.parentSchema as any)?.title ?? (e.parentSchema as any)?.properties?.[name]?.title;
  return title ? `${title}(${name})` : name;
}

/** One Chinese sentence for an ajv error. */
export function describeValidationError(e: ErrorObject, part = 'body'): string {
  const where = PART_NAMES[part] ?? part;
  const path = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const name = path || where;
  const label = (e.parentSchema as any)?.title ? `${(e.parentSchema as any).title}(${name})` : name;
  const p = e.params as any;
  switch (e.keyword) {
    case 'required': {
      const field = path ? `${path}.${p.missingProperty}` : p.missingProperty;
      const t = (e.parentSchema as any)?.properties?.[p.missingProperty]?.title;
      return `缺少必填字段「${t ? `${t}(${field})` : field}」`;
    }
    case 'additionalProperties':
      return `${where}包含不允许的字段「${path ? `${path}.` : ''}${p.additionalProperty}」`;
    case 'type':
      return `字段「${label}」类型错误,应为${String(p.type)
        .split(',')
        .map((t) => TYPE_NAMES[t] ?? t)
        .join('或')}`;
    case 'minLength':
      return p.limit === 1 ? `字段「${label}」不能为空` : `字段「${label}」至少 ${p.limit} 个字符`;
    case 'maxLength':
      return `字段「${label}」不能超过 ${p.limit} 个字符`;
    case 'minimum':
      return `字段「${label}」不能小于 ${p.limit}`;
    case 'maximum':
      return `字段「${label}」不能大于 ${p.limit}`;
    case 'minItems':
      return `字段「${label}」至少需要 ${p.limit} 项`;
    case 'maxItems':
      return `字段「${label}」最多 ${p.limit} 项`;
    case 'enum':
      return `字段「${label}」的值不在允许范围内(可选:${(p.allowedValues ?? []).join('、')})`;
    case 'const':
      return `字段「${label}」的值不正确`;
    case 'pattern':
      return `字段「${label}」格式不正确`;
    case 'format':
      return p.format === 'date'
        ? `字段「${label}」应为日期,格式 YYYY-MM-DD`
        : `字段「${label}」格式不正确(${p.format})`;
    case 'anyOf':
    case 'oneOf':
      return `字段「${label}」的值不符合要求`;
    default:
      return `字段「${label}」不符合要求(${e.keyword})`;
  }
}
export { fieldLabel };

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { get_dmmf } from '@prisma/prisma-schema-wasm';
import type { Pool } from 'pg';

/**
 * Both sides of "does the migrated database match schema.prisma?" reduced to the same one-line
 * facts ("column Pupil.misId text NOT NULL", "foreign key ... ON DELETE SET NULL"), so a mismatch
 * reads as a plain list of what is missing and what is extra.
 */
export const SCHEMA_FILE = path.resolve(__dirname, '..', '..', 'prisma', 'schema.prisma');

interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: 'scalar' | 'enum' | 'object' | 'unsupported';
  type: string;
  isList: boolean;
  isRequired: boolean;
  hasDefaultValue: boolean;
  default?: unknown;
  nativeType?: [string, string[]] | null;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}
interface DmmfEnum {
  name: string;
  dbName: string | null;
  values: { name: string; dbName: string | null }[];
}
interface DmmfIndex {
  model: string;
  type: 'id' | 'unique' | 'normal' | 'fulltext';
  name?: string | null;
  dbName?: string | null;
  fields: { name: string }[];
}
interface Dmmf {
  datamodel: { models: DmmfModel[]; enums: DmmfEnum[]; indexes: DmmfIndex[] };
}

const PRISMA_TABLE = '_prisma_migrations';
// PostgreSQL cuts identifiers at 63 bytes; Prisma's generated names are cut the same way.
const ident = (name: string): string => name.slice(0, 63);
const quoted = (name: string): string => (/^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name}"`);

const SCALAR_TYPES: Record<string, string> = {
  String: 'text',
  Int: 'integer',
  BigInt: 'bigint',
  Float: 'double precision',
  Decimal: 'numeric(65,30)',
  Boolean: 'boolean',
  DateTime: 'timestamp(3) without time zone',
  Json: 'jsonb',
  Bytes: 'bytea',
};

function nativeTypeSql([name, args]: [string, string[]]): string {
  const a = args.join(',');
  const simple: Record<string, string> = {
    Uuid: 'uuid',
    Date: 'date',
    Text: 'text',
    Integer: 'integer',
    SmallInt: 'smallint',
    BigInt: 'bigint',
    DoublePrecision: 'double precision',
    Real: 'real',
    Boolean: 'boolean',
    JsonB: 'jsonb',
    Json: 'json',
    ByteA: 'bytea',
    Inet: 'inet',
    Citext: 'citext',
  };
  if (simple[name]) return simple[name];
  const withArgs: Record<string, string> = {
    Timestamptz: `timestamp(${a || 6}) with time zone`,
    Timestamp: `timestamp(${a || 6}) without time zone`,
    Time: `time(${a || 6}) without time zone`,
    Timetz: `time(${a || 6}) with time zone`,
    VarChar: a ? `character varying(${a})` : 'character varying',
    Char: `character(${a || 1})`,
    Decimal: a ? `numeric(${a})` : 'numeric',
  };
  return withArgs[name] ?? `unsupported native type @db.${name}`;
}

function defaultSql(field: DmmfField, columnType: string): string | null {
  if (!field.hasDefaultValue) return null;
  const d = field.default;
  if (d && typeof d === 'object' && !Array.isArray(d) && 'name' in d) {
    const fn = d as { name: string; args: unknown[] };
    if (fn.name === 'dbgenerated') return String(fn.args[0]);
    if (fn.name === 'now') return 'CURRENT_TIMESTAMP';
    if (fn.name === 'autoincrement') return 'nextval(...)';
    // uuid()/cuid() are made by the client, not the database.
    return null;
  }
  if (Array.isArray(d)) {
    if (d.length === 0) return `ARRAY[]::${columnType}`;
    return `ARRAY[${d.map((v) => (typeof v === 'string' ? `'${v}'::${columnType.replace(/\[\]$/, '')}` : String(v))).join(', ')}]`;
  }
  if (typeof d === 'boolean') return String(d);
  if (typeof d === 'number') return d < 0 ? `'${d}'::${columnType}` : String(d);
  if (typeof d === 'string') return `'${d.replace(/'/g, "''")}'::${columnType}`;
  return `unsupported default ${JSON.stringify(d)}`;
}

const ON_ACTION: Record<string, string> = {
  Cascade: 'CASCADE',
  SetNull: 'SET NULL',
  Restrict: 'RESTRICT',
  NoAction: 'NO ACTION',
  SetDefault: 'SET DEFAULT',
};

/** The facts schema.prisma implies, as `prisma migrate dev` would create them on PostgreSQL. */
export function expectedFacts(schema: string = readFileSync(SCHEMA_FILE, 'utf8')): string[] {
  const dmmf = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: schema }))) as Dmmf;
  const { models, enums, indexes } = dmmf.datamodel;
  const tableOf = new Map(models.map((m) => [m.name, m.dbName ?? m.name]));
  const enumDbName = new Map(enums.map((e) => [e.name, e.dbName ?? e.name]));
  const columnOf = (model: string, field: string): string => {
    const f = models.find((m) => m.name === model)?.fields.find((x) => x.name === field);
    return f?.dbName ?? field;
  };
  const facts: string[] = [];

  for (const e of enums) facts.push(`enum ${e.dbName ?? e.name} (${e.values.map((v) => v.dbName ?? v.name).join(', ')})`);

  for (const m of models) {
    const table = tableOf.get(m.name)!;
    facts.push(`table ${table}`);
    for (const f of m.fields) {
      if (f.kind === 'object') {
        if (!f.relationFromFields?.length) continue;
        const from = f.relationFromFields.map((x) => columnOf(m.name, x));
        const to = (f.relationToFields ?? []).map((x) => columnOf(f.type, x));
        // Prisma's defaults: a required relation restricts deletes, an optional one sets null.
        const anyRequired = f.relationFromFields.some((x) => m.fields.find((y) => y.name === x)?.isRequired);
        const onDelete = ON_ACTION[f.relationOnDelete ?? (anyRequired ? 'Restrict' : 'SetNull')];
        const onUpdate = ON_ACTION[f.relationOnUpdate ?? 'Cascade'];
        facts.push(
          `foreign key ${ident(`${table}_${from.join('_')}_fkey`)}: ${table}(${from.join(', ')}) -> ${tableOf.get(f.type)}(${to.join(', ')}) ON DELETE ${onDelete} ON UPDATE ${onUpdate}`,
        );
        continue;
      }
      let type: string;
      if (f.kind === 'enum') type = quoted(enumDbName.get(f.type) ?? f.type);
      else if (f.nativeType) type = nativeTypeSql(f.nativeType);
      else type = SCALAR_TYPES[f.type] ?? `unsupported type ${f.type}`;
      if (f.isList) type += '[]';
      // Prisma never puts NOT NULL on scalar lists.
      const nullability = f.isRequired && !f.isList ? 'NOT NULL' : 'NULL';
      const def = defaultSql(f, type);
      facts.push(`column ${table}.${f.dbName ?? f.name} ${type} ${nullability}${def ? ` DEFAULT ${def}` : ''}`);
    }
  }

  for (const idx of indexes) {
    const table = tableOf.get(idx.model)!;
    const cols = idx.fields.map((x) => columnOf(idx.model, x.name));
    if (idx.type === 'id') {
      facts.push(`primary key ${ident(idx.dbName ?? `${table}_pkey`)}: ${table}(${cols.join(', ')})`);
    } else if (idx.type === 'unique') {
      facts.push(`unique index ${ident(idx.dbName ?? `${table}_${cols.join('_')}_key`)}: ${table}(${cols.join(', ')})`);
    } else {
      facts.push(`index ${ident(idx.dbName ?? `${table}_${cols.join('_')}_idx`)}: ${table}(${cols.join(', ')})`);
    }
  }
  return facts.sort();
}

/** The same facts read back from a live database's catalogue (schema public, Prisma's own table left out). */
export async function actualFacts(pool: Pool): Promise<string[]> {
  const facts: string[] = [];
  const enums = await pool.query<{ name: string; labels: string[] }>(`
    SELECT t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS labels
    FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE n.nspname = 'public' GROUP BY t.typname`);
  for (const e of enums.rows) facts.push(`enum ${e.name} (${e.labels.join(', ')})`);

  const tables = await pool.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> $1`,
    [PRISMA_TABLE],
  );
  for (const t of tables.rows) facts.push(`table ${t.name}`);

  const columns = await pool.query<{ tbl: string; col: string; type: string; notnull: boolean; def: string | null }>(
    `SELECT c.relname AS tbl, a.attname AS col, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS notnull,
            pg_get_expr(d.adbin, d.adrelid) AS def
     FROM pg_attribute a
     JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND c.relname <> $1`,
    [PRISMA_TABLE],
  );
  for (const c of columns.rows) {
    facts.push(`column ${c.tbl}.${c.col} ${c.type} ${c.notnull ? 'NOT NULL' : 'NULL'}${c.def ? ` DEFAULT ${c.def}` : ''}`);
  }

  const indexes = await pool.query<{ tbl: string; name: string; primary: boolean; unique: boolean; cols: string[] }>(
    `SELECT t.relname AS tbl, i.relname AS name, x.indisprimary AS primary, x.indisunique AS unique,
            array(SELECT a.attname FROM unnest(x.indkey) WITH ORDINALITY k(attnum, ord)
                  JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS cols
     FROM pg_index x
     JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE n.nspname = 'public' AND t.relname <> $1`,
    [PRISMA_TABLE],
  );
  for (const i of indexes.rows) {
    const kind = i.primary ? 'primary key' : i.unique ? 'unique index' : 'index';
    facts.push(`${kind} ${i.name}: ${i.tbl}(${i.cols.join(', ')})`);
  }

  const fks = await pool.query<{ name: string; tbl: string; cols: string[]; ref: string; refcols: string[]; del: string; upd: string }>(
    `SELECT con.conname AS name, t.relname AS tbl, r.relname AS ref,
            array(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                  JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS cols,
            array(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                  JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS refcols,
            con.confdeltype AS del, con.confupdtype AS upd
     FROM pg_constraint con
     JOIN pg_class t ON t.oid = con.conrelid JOIN pg_class r ON r.oid = con.confrelid JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE con.contype = 'f' AND n.nspname = 'public'`,
  );
  const action: Record<string, string> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };
  for (const f of fks.rows) {
    facts.push(
      `foreign key ${f.name}: ${f.tbl}(${f.cols.join(', ')}) -> ${f.ref}(${f.refcols.join(', ')}) ON DELETE ${action[f.del]} ON UPDATE ${action[f.upd]}`,
    );
  }
  return facts.sort();
}

/** A readable diff, empty when both sides agree. */
export function describeDifferences(expected: string[], actual: string[]): string {
  const have = new Set(actual);
  const want = new Set(expected);
  const missing = expected.filter((f) => !have.has(f));
  const extra = actual.filter((f) => !want.has(f));
  if (missing.length === 0 && extra.length === 0) return '';
  return [
    missing.length ? `In schema.prisma but not in the migrated database (${missing.length}):\n${missing.map((f) => `  - ${f}`).join('\n')}` : '',
    extra.length ? `In the migrated database but not in schema.prisma (${extra.length}):\n${extra.map((f) => `  + ${f}`).join('\n')}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

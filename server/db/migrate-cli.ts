import { loadConfig } from '../config.ts';
import { connect } from './connect.ts';
import { migrateToLatest } from './migrate.ts';

const config = loadConfig();
const database = await connect(config.databaseUrl);
try {
  const applied = await migrateToLatest(database);
  console.log(applied.length ? `已执行迁移:${applied.join(', ')}` : '数据库已是最新结构');
} finally {
  await database.close();
}

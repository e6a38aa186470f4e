import { Alert, Button, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReviewDraft } from '../../../../common/contracts/review-draft.ts';

/** 已恢复 12 分钟前的草稿 / 已恢复 12月03日 17:40 的草稿 */
const restoredTitle = (iso: string) => {
  const min = Math.max(0, Math.round(dayjs().diff(dayjs(iso), 'minute', true)));
  if (min < 1) return '已恢复刚刚保存的草稿';
  return min < 60 ? `已恢复 ${min} 分钟前的草稿` : `已恢复 ${dayjs(iso).format('MM月DD日 HH:mm')} 的草稿`;
};

/** "已恢复 N 分钟前的草稿" with 放弃草稿, or a quiet line saying the table is being kept. */
export function DraftNotice({
  restored,
  state,
  savedAt,
  overwrote,
  hasRows,
  onDismiss,
  onDiscard,
}: {
  restored: ReviewDraft | null;
  state: 'idle' | 'saving' | 'saved' | 'error';
  savedAt: string | null;
  overwrote: boolean;
  hasRows: boolean;
  onDismiss(): void;
  onDiscard(): void;
}) {
  if (restored)
    return (
      <Alert
        type="info"
        showIcon
        closable={{ onClose: onDismiss }}
        style={{ marginBottom: 8 }}
        title={`${restoredTitle(restored.savedAt)}(${restored.savedByName} 保存,${restored.rows.length} 条)`}
        action={
          <Button size="small" danger onClick={onDiscard}>
            放弃草稿
          </Button>
        }
      />
    );
  if (overwrote)
    return (
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 8 }}
        title="此前有他人保存过此文件的审核草稿,已被您的版本覆盖"
      />
    );
  if (!hasRows && state === 'idle') return null;
  return (
    <Space style={{ marginBottom: 8 }}>
      <Typography.Text
        type={state === 'error' ? 'danger' : 'secondary'}
        style={{ fontSize: 12 }}
        data-testid="draft-state"
      >
        {state === 'saving'
          ? '正在保存草稿……'
          : state === 'error'
            ? '草稿未能保存,请检查网络;修改仍在本页'
            : savedAt
              ? `草稿已自动保存(${dayjs(savedAt).format('HH:mm:ss')})`
              : '修改会自动保存为草稿'}
      </Typography.Text>
      {hasRows && savedAt && (
        <Button size="small" type="link" danger onClick={onDiscard} style={{ padding: 0 }}>
          放弃草稿
        </Button>
      )}
    </Space>
  );
}

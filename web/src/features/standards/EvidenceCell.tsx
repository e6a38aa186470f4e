import { useState } from 'react';
import { App, Button, Input, Modal, Select, Space, Tag, Typography, Upload } from 'antd';
import { FileExcelOutlined, FileImageOutlined, FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Evidence, EvidenceFile, SheetItem } from '../../../../common/contracts/standards.ts';
import { deleteEvidence, downloadFile, evidencePath, stdKeys, uploadEvidence } from './api.ts';

const ICONS: Record<EvidenceFile['kind'], React.ReactNode> = {
  image: <FileImageOutlined />,
  pdf: <FilePdfOutlined />,
  docx: <FileWordOutlined />,
  xlsx: <FileExcelOutlined />,
};
const ACCEPT = 'image/jpeg,image/png,image/gif,image/bmp,image/webp,.pdf,.docx,.xlsx';

/**
 * The evidence of one item: uploaded files (download on click; removable while the sheet is open)
 * and descriptions of paper kept at the branch. Lists which required types are still missing.
 */
export function EvidenceCell(p: {
  entryId: number;
  item: SheetItem;
  editable: boolean;
  described: Evidence[];
  onDescribed: (ev: Evidence[]) => void;
}) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [adding, setAdding] = useState(false);
  const remove = useMutation({
    mutationFn: (fileId: number) => deleteEvidence(p.entryId, fileId),
    onSuccess: () => {
      message.success('已删除佐证文件');
      void qc.invalidateQueries({ queryKey: stdKeys.sheet(p.entryId) });
    },
    onError: (e) => message.error((e as Error).message),
  });
  const have = new Set([...p.described.map((e) => e.type), ...p.item.files.map((f) => f.type)]);
  const missing = p.item.evidenceRequired.filter((t) => !have.has(t));
  return (
    <Space direction="vertical" size={2} data-testid={`evidence-${p.item.code}`}>
      {p.item.files.map((f) => (
        <Tag
          key={f.id}
          icon={ICONS[f.kind]}
          color="blue"
          closable={p.editable}
          onClose={(e) => {
            e.preventDefault();
            remove.mutate(f.id);
          }}
          style={{ cursor: 'pointer', maxWidth: 190, whiteSpace: 'normal' }}
          onClick={() => void downloadFile(evidencePath(p.entryId, f.id), f.fileName)}
        >
          {f.type}:{f.fileName}
        </Tag>
      ))}
      {p.described.map((e, i) => (
        <Tag
          key={`${e.type}:${e.note}`}
          closable={p.editable}
          onClose={() => p.onDescribed(p.described.filter((_, j) => j !== i))}
          style={{ maxWidth: 190, whiteSpace: 'normal' }}
        >
          {e.type}:{e.note}(纸质)
        </Tag>
      ))}
      {missing.length > 0 && <span style={{ color: '#cf1322', fontSize: 12 }}>需:{missing.join('、')}</span>}
      {p.editable && (
        <Button size="small" onClick={() => setAdding(true)}>
          添加佐证
        </Button>
      )}
      {adding && (
        <EvidenceModal
          entryId={p.entryId}
          item={p.item}
          onClose={() => setAdding(false)}
          onDescribed={(e) => p.onDescribed([...p.described, e])}
        />
      )}
    </Space>
  );
}

function EvidenceModal(p: {
  entryId: number;
  item: SheetItem;
  onClose: () => void;
  onDescribed: (e: Evidence) => void;
}) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const types = p.item.evidenceRequired.length
    ? p.item.evidenceRequired
    : ['台账', '记录本', '批复', '照片', '会议记录'];
  const [type, setType] = useState(types[0]);
  const [note, setNote] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const up = useMutation({
    mutationFn: (f: File) => uploadEvidence(p.entryId, p.item.code, type, note.trim(), f),
    onSuccess: () => {
      message.success('佐证文件已上传');
      void qc.invalidateQueries({ queryKey: stdKeys.sheet(p.entryId) });
      p.onClose();
    },
    onError: (e) => message.error((e as Error).message),
  });
  return (
    <Modal
      open
      title={`添加佐证:${p.item.code} ${p.item.title}`}
      onCancel={p.onClose}
      okText={file ? '上传' : '登记纸质材料'}
      confirmLoading={up.isPending}
      okButtonProps={{ disabled: !file && !note.trim() }}
      onOk={() => {
        if (file) up.mutate(file);
        else {
          p.onDescribed({ type, note: note.trim() });
          p.onClose();
        }
      }}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Select
          value={type}
          onChange={setType}
          style={{ width: '100%' }}
          options={types.map((t) => ({ value: t, label: t }))}
        />
        <Input
          placeholder="材料说明,如:2026年第三季度党员大会记录(第12页)"
          value={note}
          onChange={(e) => setNote(e.target.value)}
          maxLength={200}
        />
        <Upload
          accept={ACCEPT}
          maxCount={1}
          beforeUpload={(f) => {
            setFile(f);
            return false;
          }}
          onRemove={() => setFile(null)}
        >
          <Button>选择文件</Button>
        </Upload>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          可上传照片、扫描件(JPG、PNG、PDF)或 Word、Excel 台账,单个不超过 50 MB,上传后立即保存;
          只有纸质材料时不选文件,填写说明即可,随“暂存/提交”保存。
        </Typography.Text>
      </Space>
    </Modal>
  );
}

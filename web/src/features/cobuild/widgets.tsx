/**
 * The 共驻共建 panels' building blocks, over the shared widgets: a panel declares its query, its
 * columns and its actions, and these supply the table, the dialog, the toast and the refresh.
 */
import { useRef, useState, type ReactNode } from 'react';
import { Button, type ButtonProps, Form, Input } from 'antd';
import { FormModal, type FormModalProps } from '../../components/FormModal.tsx';
import { useAction } from '../../components/useAction.ts';
import { cobuildApi, cobuildKeys } from './api.ts';

/**
 * A cobuild change: it says `success` and refreshes every cobuild query (a claim or a verification
 * moves counts on several tabs and pages at once, so nothing narrower is worth tracking).
 */
export function useCobuildAction<V = void, R = unknown>(
  fn: (v: V) => Promise<R>,
  success: string | ((r: R, v: V) => string),
  inline = false,
) {
  return useAction(fn, { success, invalidate: [cobuildKeys.all], inline });
}

/** A row's one-click change (完成, 接受, 撤回 …); it spins while it runs. */
export function ActionButton({
  run,
  ok,
  children,
  ...button
}: { run: () => Promise<unknown>; ok: string; children: ReactNode } & Omit<ButtonProps, 'onClick' | 'loading'>) {
  const action = useCobuildAction(run, ok);
  return (
    <Button size="small" {...button} loading={action.isPending} onClick={() => action.mutate()}>
      {children}
    </Button>
  );
}

/**
 * A button that opens a form dialog (发布需求, 提供资源, 一票否决 …): the fields are the children,
 * `submit` maps the form's values to the API call. The dialog is built anew on each opening (blank
 * form, no error left from the last time) and closes when the change succeeds.
 */
export function FormButton<V>({
  label,
  button,
  submit,
  ok,
  ...modal
}: {
  label: ReactNode;
  button?: Omit<ButtonProps, 'onClick'>;
  submit: (v: V) => Promise<unknown>;
  ok: string;
} & Omit<FormModalProps<V, unknown>, 'action' | 'onClose' | 'open'>) {
  const [open, setOpen] = useState(false);
  const action = useCobuildAction(submit, ok, true);
  return (
    <>
      <Button
        {...button}
        onClick={() => {
          action.reset();
          setOpen(true);
        }}
      >
        {label}
      </Button>
      {open && <FormModal<V> action={action} onClose={() => setOpen(false)} {...modal} />}
    </>
  );
}

/** A button that asks for a reason (required) before acting: 退回, 婉拒, 关闭, 结束 … */
export function ReasonButton(props: {
  label: string;
  title: string;
  onReason: (reason: string) => Promise<unknown>;
  ok: string;
  danger?: boolean;
  size?: 'small' | 'middle';
  type?: 'link' | 'default';
  placeholder?: string;
}) {
  return (
    <FormButton<{ reason: string }>
      label={props.label}
      button={{ size: props.size ?? 'small', type: props.type, danger: props.danger }}
      title={props.title}
      submit={(v) => props.onReason(v.reason.trim())}
      ok={props.ok}
    >
      <Form.Item
        name="reason"
        rules={[{ required: true, whitespace: true, min: 2, message: '请填写理由(至少 2 个字)' }]}
      >
        <Input.TextArea
          aria-label="理由"
          rows={3}
          maxLength={500}
          placeholder={props.placeholder ?? '请填写理由(必填)'}
        />
      </Form.Item>
    </FormButton>
  );
}

/**
 * 上传现场照片 for an activity: a button over a hidden file input. `camera`: the member on site takes
 * the photo now; the community may also pick earlier ones from the gallery.
 */
export function PhotoUpload({ activityId, size, camera }: { activityId: number; size?: 'small'; camera?: boolean }) {
  const file = useRef<HTMLInputElement>(null);
  const upload = useCobuildAction((f: File) => cobuildApi.uploadPhoto(activityId, f), '照片已上传');
  return (
    <>
      <Button size={size} loading={upload.isPending} onClick={() => file.current?.click()}>
        上传现场照片
      </Button>
      <input
        ref={file}
        type="file"
        accept="image/*"
        capture={camera ? 'environment' : undefined}
        aria-label="现场照片"
        style={{ display: 'none' }}
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) upload.mutate(f);
          e.target.value = '';
        }}
      />
    </>
  );
}

import type { ReactNode } from 'react';
import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { App, Modal, type FormInstance, type ModalFuncProps, type ModalProps } from 'antd';
import { ErrorAlert } from './ErrorAlert.tsx';

export interface SubmitModalProps<V, R> extends Omit<ModalProps, 'open' | 'onOk' | 'onCancel' | 'confirmLoading'> {
  /** Validated first; a form with errors shows them and nothing is sent. */
  form?: FormInstance<V>;
  /** The server call; on failure the modal stays open with the server's message. */
  submit(values: V): Promise<R>;
  /** Ask before sending (irreversible actions): return the confirmation, or null to send at once. */
  confirm?(values: V): ModalFuncProps | null;
  /** Queries the change makes stale (e.g. `['orgs']`), refetched on success. */
  invalidates?: QueryKey[];
  onDone(result: R): void;
  onClose(): void;
  children?: ReactNode;
}

/**
 * The one modal-submit flow: validate the form, optionally confirm, send, show the error in place
 * or close and refresh what changed. Pages no longer keep busy/error state of their own.
 */
export function SubmitModal<V = void, R = unknown>({
  form,
  submit,
  confirm,
  invalidates,
  onDone,
  onClose,
  children,
  ...modal
}: SubmitModalProps<V, R>) {
  const qc = useQueryClient();
  const { modal: dialogs } = App.useApp();
  const m = useMutation({
    mutationFn: submit,
    onSuccess: async (r) => {
      await Promise.all((invalidates ?? []).map((queryKey) => qc.invalidateQueries({ queryKey })));
      onDone(r);
    },
  });
  const onOk = async () => {
    let values = undefined as V;
    if (form) {
      const v = await form.validateFields().catch(() => null);
      if (!v) return; // the form shows what is missing
      values = v;
    }
    const ask = confirm?.(values);
    if (ask) dialogs.confirm({ cancelText: '取消', ...ask, onOk: () => m.mutate(values) });
    else m.mutate(values);
  };
  return (
    <Modal open onOk={onOk} confirmLoading={m.isPending} onCancel={onClose} {...modal}>
      <ErrorAlert error={m.error} />
      {children}
    </Modal>
  );
}

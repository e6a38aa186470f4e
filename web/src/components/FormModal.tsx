import type { UseMutationResult } from '@tanstack/react-query';
import { App, Form, type FormInstance, type FormProps, Modal, type ModalFuncProps, type ModalProps } from 'antd';
import type { ReactNode } from 'react';
import { ErrorAlert } from './ErrorAlert.tsx';

export interface FormModalProps<V, R>
  extends Omit<ModalProps, 'open' | 'title' | 'onOk' | 'onCancel' | 'confirmLoading' | 'children'> {
  open?: boolean;
  title: ReactNode;
  /** The change (a useAction): it says what happened and refreshes what it touched. */
  action: UseMutationResult<R, Error, V>;
  onClose(): void;
  /** Pass a form created with Form.useForm() when the page needs to watch its values. */
  form?: FormInstance<V>;
  initialValues?: Partial<V>;
  /** More of the form's props, e.g. `onValuesChange` (a field that fills others). */
  formProps?: Omit<FormProps<V>, 'form' | 'initialValues' | 'layout' | 'children'>;
  /** Ask before sending (irreversible actions): return the confirmation, or null to send at once. */
  confirm?(values: V): ModalFuncProps | null;
  children?: ReactNode;
}

/**
 * THE dialog that changes something: its OK validates the form (fields with errors are marked and
 * nothing is sent), optionally asks for confirmation, runs the action with the values, shows it
 * running, and closes only when it succeeded; a failure leaves the dialog open with the server's
 * message in it. A dialog without fields (a choice held in state) works the same with no Form.Item.
 */
export function FormModal<V, R = unknown>({
  open = true,
  title,
  okText = '确定',
  action,
  onClose,
  form: external,
  initialValues,
  formProps,
  confirm,
  children,
  ...modal
}: FormModalProps<V, R>) {
  const [own] = Form.useForm<V>();
  const form = external ?? own;
  const { modal: dialogs } = App.useApp();
  const send = (values: V) => action.mutate(values, { onSuccess: onClose });
  const submit = () =>
    form.validateFields().then(
      (values) => {
        const ask = confirm?.(values);
        if (ask) dialogs.confirm({ cancelText: '取消', ...ask, onOk: () => send(values) });
        else send(values);
      },
      () => undefined, // invalid fields are marked in the form
    );
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText="取消"
      onOk={submit}
      onCancel={onClose}
      confirmLoading={action.isPending}
      destroyOnHidden
      {...modal}
    >
      <ErrorAlert error={action.error} />
      <Form {...formProps} form={form} layout="vertical" initialValues={initialValues}>
        {children}
      </Form>
    </Modal>
  );
}

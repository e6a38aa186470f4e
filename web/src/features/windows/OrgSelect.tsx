import { OrgPicker } from '../../components/OrgPicker.tsx';

/**
 * An org of the caller's subtree for the 好差评 pages: the shared server-searching picker (the scope
 * decides what is offered; a county no longer downloads its whole tree for one select).
 */
export function OrgSelect(props: {
  value?: number;
  onChange?: (v: number | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
}) {
  return <OrgPicker placeholder="选择单位(可输入名称或拼音)" {...props} />;
}

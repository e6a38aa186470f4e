import type { ThemeConfig } from 'antd';

/**
 * A restrained government style: party red only for primary actions and the header band, square
 * corners, dense tables, system Chinese fonts (no web fonts: intranet deployments are offline).
 */
const FIELD = {
  activeBorderColor: '#1f4e8c',
  hoverBorderColor: '#4a78b5',
  activeShadow: '0 0 0 2px rgba(31,78,140,.12)',
};

export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#b5121b',
    colorLink: '#1f4e8c',
    borderRadius: 2,
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Helvetica Neue", Arial, sans-serif',
    fontSize: 14,
  },
  components: {
    // Inputs focus in a sober blue: a red outline on a correct field reads as an error.
    Input: FIELD,
    InputNumber: FIELD,
    DatePicker: FIELD,
    Select: {
      activeBorderColor: FIELD.activeBorderColor,
      hoverBorderColor: FIELD.hoverBorderColor,
      activeOutlineColor: 'rgba(31,78,140,.12)',
    },
    Table: { headerBg: '#f5f5f5', cellPaddingBlockSM: 6 },
    Layout: { bodyBg: '#f3f4f6', siderBg: '#fff' },
    Menu: { itemSelectedBg: '#fdecec' },
  },
};

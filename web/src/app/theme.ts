import type { ThemeConfig } from 'antd';

/**
 * A restrained government style: party red only for primary actions and the header band, square
 * corners, dense tables, system Chinese fonts (no web fonts: intranet deployments are offline).
 */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#b5121b',
    colorLink: '#1f4e8c',
    borderRadius: 2,
    fontFamily: '-apple-system, BlinkMacSystemFont, "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Helvetica Neue", Arial, sans-serif',
    fontSize: 14,
  },
  components: {
    Table: { headerBg: '#f5f5f5', cellPaddingBlockSM: 6 },
    Layout: { bodyBg: '#f3f4f6', siderBg: '#fff' },
    Menu: { itemSelectedBg: '#fdecec' },
  },
};

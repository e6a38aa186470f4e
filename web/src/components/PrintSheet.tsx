/**
 * A page laid out as the A4 sheet it prints to: official fonts by name (方正小标宋简体 for the title,
 * 仿宋_GB2312 for the text) falling back to whatever Song / Fang Song / CJK font the machine has
 * (nothing is downloaded), a toolbar (打印, Word, 返回) that does not print, and print CSS that hides
 * the app's frame so only the sheet reaches the paper. On a phone the sheet scrolls inside itself.
 */
import { ArrowLeftOutlined, FileWordOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';

const TITLE_FONTS =
  '"方正小标宋简体", "FZXiaoBiaoSong-B05S", "方正小标宋_GBK", "华文中宋", "STZhongsong", "宋体", "SimSun", "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", "WenQuanYi Micro Hei", serif';
const BODY_FONTS =
  '"仿宋_GB2312", "仿宋", "FangSong", "STFangsong", "FangSong_GB2312", "Noto Serif CJK SC", "Source Han Serif SC", "WenQuanYi Micro Hei", serif';
const HEAD_FONTS = '"黑体", "SimHei", "Heiti SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif';

const css = (landscape: boolean) => `
.print-sheet { font-family: ${BODY_FONTS}; color: #000; background: #fff; box-sizing: border-box;
  width: ${landscape ? '297mm' : '210mm'}; min-height: ${landscape ? '210mm' : '297mm'};
  padding: ${landscape ? '15mm 15mm' : '25mm 22mm'}; margin: 0 auto; box-shadow: 0 1px 6px rgba(0,0,0,.15);
  font-size: ${landscape ? '10.5pt' : '12pt'}; line-height: 1.6; }
.print-scroll { overflow-x: auto; padding: 4px 0 16px; }
.print-sheet h1 { font-family: ${TITLE_FONTS}; font-weight: normal; font-size: 22pt; text-align: center;
  letter-spacing: 2px; margin: 0 0 6mm; line-height: 1.35; }
.print-sheet .sub { text-align: center; margin-bottom: 5mm; }
.print-sheet h2 { font-family: ${HEAD_FONTS}; font-weight: normal; font-size: 14pt; margin: 5mm 0 2mm; }
.print-sheet p { text-indent: 2em; margin: 0 0 2mm; }
.print-sheet table { width: 100%; border-collapse: collapse; table-layout: fixed; }
.print-sheet th, .print-sheet td { border: 1px solid #000; padding: 3px 5px; vertical-align: top;
  word-break: break-word; }
.print-sheet th { font-family: ${HEAD_FONTS}; font-weight: normal; text-align: center; vertical-align: middle; }
.print-sheet thead { display: table-header-group; }
.print-sheet tr { break-inside: avoid; }
.print-sheet td.c { text-align: center; }
.print-sheet td.group { background: #f2f2f2; font-family: ${HEAD_FONTS}; }
.print-sheet blockquote { margin: 2mm 0 2mm 2em; padding-left: 3mm; border-left: 2px solid #999; }
.print-sheet .foot { margin-top: 6mm; text-align: right; }
@page { size: A4 ${landscape ? 'landscape' : 'portrait'}; margin: ${landscape ? '12mm' : '20mm 18mm'}; }
@media print {
  body { background: #fff !important; }
  .ant-layout-header, .ant-layout-sider, .ant-breadcrumb, .no-print { display: none !important; }
  .ant-layout, .ant-layout-content { padding: 0 !important; margin: 0 !important; background: #fff !important; }
  .print-scroll { overflow: visible; padding: 0; }
  .print-sheet { width: auto; min-height: 0; padding: 0; box-shadow: none; }
}`;

export function PrintSheet({
  landscape = false,
  loading,
  error,
  onWord,
  wordPending,
  children,
}: {
  landscape?: boolean;
  loading?: boolean;
  error?: Error | null;
  onWord?: () => void;
  wordPending?: boolean;
  children: ReactNode;
}) {
  const navigate = useNavigate();
  return (
    <>
      <style>{css(landscape)}</style>
      <Space wrap className="no-print" style={{ marginBottom: 12 }}>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
          返回
        </Button>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} disabled={loading}>
          打印
        </Button>
        {onWord && (
          <Button icon={<FileWordOutlined />} loading={wordPending} onClick={onWord}>
            下载 Word
          </Button>
        )}
        <span style={{ color: '#888' }}>A4 {landscape ? '横向' : '纵向'};打印时选择“无页眉页脚”效果最佳</span>
      </Space>
      {error && <Alert className="no-print" type="error" showIcon title={error.message} style={{ marginBottom: 12 }} />}
      {loading ? (
        <div style={{ textAlign: 'center', padding: 48 }}>
          <Spin />
        </div>
      ) : (
        <div className="print-scroll">
          <div className="print-sheet" data-testid="print-sheet">
            {children}
          </div>
        </div>
      )}
    </>
  );
}

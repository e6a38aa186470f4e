/**
 * Passwords that pass the character-class rule and are still guessed first: the top of public
 * leak frequency lists (international and Chinese sites), keyboard walks, pinyin phrases, and words
 * of this domain. Compared after reducing a password to its letters (lower case, leetspeak undone)
 * and to its digits, so "Admin@123", "P@ssw0rd!" and "Woaini1314!" are all caught.
 */
export const COMMON_WORDS = new Set(
  `password passw0rd passwd pass admin administrator root test tester guest user login welcome
  qwerty qwertyuiop asdf asdfgh asdfghjkl zxcv zxcvbnm qazwsx qazwsxedc wsxedc qweasd qweasdzxc
  qwe qwer abc abcd abcde abcdef abcdefg abcdefgh iloveyou loveyou love lover monkey dragon master
  letmein trustno football baseball soccer superman batman princess sunshine shadow michael jordan
  hello hellokitty freedom whatever secret changeme default system server manager office
  woaini woaiwojia woainima aini zhongguo china beijing shanghai huawei xiaomi tencent baidu
  taobao alibaba wangyi qq weixin wechat zhangwei wangwei liwei liuyang wanglei zhangjie
  dangyuan dangjian dangwei zhibu zuzhibu ducha duchashi gongchandang renmin zhengfu xianwei
  shengwei shiwei zhenwei cunwei shequ luoshi shifanxian demo
  a aa aaa aaaa aaaaaa aaaaaaaa abc ab x xx xxx`
    .split(/\s+/)
    .filter(Boolean),
);

/** Digit runs that make up a password on their own (with a letter or symbol sprinkled in). */
export const COMMON_NUMBERS = new Set(
  `123 1234 12345 123456 1234567 12345678 123456789 1234567890 0123456789 987654321 654321 4321
  111111 11111111 000000 00000000 888888 88888888 666666 66666666 520 1314 5201314 520520 521
  1314520 147258 147258369 159357 123123 112233 121212 123321 7758521 2008 2020 2021 2022 2023
  2024 2025 2026 2027 2028`
    .split(/\s+/)
    .filter(Boolean),
);

// Names and contact details for demo submitters. Phone numbers use real mobile prefixes with random digits;
// emails are on example.com so nothing is ever delivered.
import type { Rng } from "./prng.ts";

const SURNAMES: readonly (readonly [string, string, number])[] = [
  ["王", "wang", 10], ["李", "li", 10], ["张", "zhang", 10], ["刘", "liu", 8], ["陈", "chen", 5],
  ["杨", "yang", 5], ["赵", "zhao", 5], ["黄", "huang", 3], ["周", "zhou", 4], ["吴", "wu", 3],
  ["徐", "xu", 3], ["孙", "sun", 5], ["马", "ma", 3], ["朱", "zhu", 2], ["胡", "hu", 2],
  ["郭", "guo", 3], ["何", "he", 2], ["高", "gao", 4], ["林", "lin", 2], ["罗", "luo", 2],
  ["于", "yu", 4], ["董", "dong", 3], ["梁", "liang", 2], ["宋", "song", 2], ["韩", "han", 3],
  ["曲", "qu", 2], ["姜", "jiang", 3], ["崔", "cui", 2], ["谭", "tan", 1], ["白", "bai", 2],
  ["付", "fu", 2], ["石", "shi", 2], ["关", "guan", 2], ["那", "na", 1], ["佟", "tong", 1],
];

const GIVEN_NAMES: readonly (readonly [string, string])[] = [
  ["伟", "wei"], ["芳", "fang"], ["娜", "na"], ["秀英", "xiuying"], ["敏", "min"], ["静", "jing"],
  ["丽", "li"], ["强", "qiang"], ["磊", "lei"], ["军", "jun"], ["洋", "yang"], ["勇", "yong"],
  ["艳", "yan"], ["杰", "jie"], ["娟", "juan"], ["涛", "tao"], ["明", "ming"], ["超", "chao"],
  ["秀兰", "xiulan"], ["霞", "xia"], ["平", "ping"], ["刚", "gang"], ["桂英", "guiying"], ["建华", "jianhua"],
  ["志刚", "zhigang"], ["海燕", "haiyan"], ["玉兰", "yulan"], ["宏伟", "hongwei"], ["丹", "dan"], ["晓东", "xiaodong"],
  ["春雨", "chunyu"], ["冬梅", "dongmei"], ["立新", "lixin"], ["淑华", "shuhua"], ["凤霞", "fengxia"], ["国庆", "guoqing"],
  ["子涵", "zihan"], ["雨轩", "yuxuan"], ["思远", "siyuan"], ["一鸣", "yiming"], ["佳琪", "jiaqi"], ["浩然", "haoran"],
  ["铁军", "tiejun"], ["长海", "changhai"], ["玉珍", "yuzhen"], ["德胜", "desheng"], ["晓丽", "xiaoli"], ["博文", "bowen"],
];

const MOBILE_PREFIXES = [
  "130", "131", "132", "133", "134", "135", "136", "137", "138", "139",
  "150", "151", "152", "153", "155", "156", "157", "158", "159",
  "180", "181", "182", "183", "185", "186", "187", "188", "189",
];

export interface PersonSeed {
  realName: string;
  phone: string;
  email: string | null;
}

export function randomPerson(rng: Rng): PersonSeed {
  const [surname, surnamePinyin] = rng.weighted(SURNAMES.map(([s, p, w]) => [[s, p] as const, w] as const));
  const [given, givenPinyin] = rng.pick(GIVEN_NAMES);
  let phone = rng.pick(MOBILE_PREFIXES);
  for (let i = 0; i < 8; i += 1) phone += String(rng.int(0, 9));
  const email = rng.chance(0.3)
    ? `${rng.chance(0.5) ? `${surnamePinyin}.${givenPinyin}` : `${givenPinyin}${surnamePinyin}`}${rng.int(60, 99)}@example.com`
    : null;
  return { realName: surname + given, phone, email };
}

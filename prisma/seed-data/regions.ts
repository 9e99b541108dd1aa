// Liaoning's administrative divisions (GB/T 2260 codes as published by the Ministry of Civil Affairs):
// the province, its 14 prefecture-level cities and their 100 districts, counties and county-level cities.

export interface CountySeed {
  code: string;
  name: string;
  nameEn: string;
}

export interface CitySeed extends CountySeed {
  /** Rough share of the province's population; used to spread demo suggestions realistically. */
  weight: number;
  counties: readonly CountySeed[];
}

export const PROVINCE = { code: "210000", name: "辽宁省", nameEn: "Liaoning Province" } as const;

export const CITIES: readonly CitySeed[] = [
  {
    code: "210100", name: "沈阳市", nameEn: "Shenyang", weight: 22,
    counties: [
      { code: "210102", name: "和平区", nameEn: "Heping District" },
      { code: "210103", name: "沈河区", nameEn: "Shenhe District" },
      { code: "210104", name: "大东区", nameEn: "Dadong District" },
      { code: "210105", name: "皇姑区", nameEn: "Huanggu District" },
      { code: "210106", name: "铁西区", nameEn: "Tiexi District" },
      { code: "210111", name: "苏家屯区", nameEn: "Sujiatun District" },
      { code: "210112", name: "浑南区", nameEn: "Hunnan District" },
      { code: "210113", name: "沈北新区", nameEn: "Shenbei New District" },
      { code: "210114", name: "于洪区", nameEn: "Yuhong District" },
      { code: "210115", name: "辽中区", nameEn: "Liaozhong District" },
      { code: "210123", name: "康平县", nameEn: "Kangping County" },
      { code: "210124", name: "法库县", nameEn: "Faku County" },
      { code: "210181", name: "新民市", nameEn: "Xinmin City" },
    ],
  },
  {
    code: "210200", name: "大连市", nameEn: "Dalian", weight: 18,
    counties: [
      { code: "210202", name: "中山区", nameEn: "Zhongshan District" },
      { code: "210203", name: "西岗区", nameEn: "Xigang District" },
      { code: "210204", name: "沙河口区", nameEn: "Shahekou District" },
      { code: "210211", name: "甘井子区", nameEn: "Ganjingzi District" },
      { code: "210212", name: "旅顺口区", nameEn: "Lüshunkou District" },
      { code: "210213", name: "金州区", nameEn: "Jinzhou District" },
      { code: "210214", name: "普兰店区", nameEn: "Pulandian District" },
      { code: "210224", name: "长海县", nameEn: "Changhai County" },
      { code: "210281", name: "瓦房店市", nameEn: "Wafangdian City" },
      { code: "210283", name: "庄河市", nameEn: "Zhuanghe City" },
    ],
  },
  {
    code: "210300", name: "鞍山市", nameEn: "Anshan", weight: 8,
    counties: [
      { code: "210302", name: "铁东区", nameEn: "Tiedong District" },
      { code: "210303", name: "铁西区", nameEn: "Tiexi District" },
      { code: "210304", name: "立山区", nameEn: "Lishan District" },
      { code: "210311", name: "千山区", nameEn: "Qianshan District" },
      { code: "210321", name: "台安县", nameEn: "Tai'an County" },
      { code: "210323", name: "岫岩满族自治县", nameEn: "Xiuyan Manchu Autonomous County" },
      { code: "210381", name: "海城市", nameEn: "Haicheng City" },
    ],
  },
  {
    code: "210400", name: "抚顺市", nameEn: "Fushun", weight: 4,
    counties: [
      { code: "210402", name: "新抚区", nameEn: "Xinfu District" },
      { code: "210403", name: "东洲区", nameEn: "Dongzhou District" },
      { code: "210404", name: "望花区", nameEn: "Wanghua District" },
      { code: "210411", name: "顺城区", nameEn: "Shuncheng District" },
      { code: "210421", name: "抚顺县", nameEn: "Fushun County" },
      { code: "210422", name: "新宾满族自治县", nameEn: "Xinbin Manchu Autonomous County" },
      { code: "210423", name: "清原满族自治县", nameEn: "Qingyuan Manchu Autonomous County" },
    ],
  },
  {
    code: "210500", name: "本溪市", nameEn: "Benxi", weight: 3,
    counties: [
      { code: "210502", name: "平山区", nameEn: "Pingshan District" },
      { code: "210503", name: "溪湖区", nameEn: "Xihu District" },
      { code: "210504", name: "明山区", nameEn: "Mingshan District" },
      { code: "210505", name: "南芬区", nameEn: "Nanfen District" },
      { code: "210521", name: "本溪满族自治县", nameEn: "Benxi Manchu Autonomous County" },
      { code: "210522", name: "桓仁满族自治县", nameEn: "Huanren Manchu Autonomous County" },
    ],
  },
  {
    code: "210600", name: "丹东市", nameEn: "Dandong", weight: 5,
    counties: [
      { code: "210602", name: "元宝区", nameEn: "Yuanbao District" },
      { code: "210603", name: "振兴区", nameEn: "Zhenxing District" },
      { code: "210604", name: "振安区", nameEn: "Zhen'an District" },
      { code: "210624", name: "宽甸满族自治县", nameEn: "Kuandian Manchu Autonomous County" },
      { code: "210681", name: "东港市", nameEn: "Donggang City" },
      { code: "210682", name: "凤城市", nameEn: "Fengcheng City" },
    ],
  },
  {
    code: "210700", name: "锦州市", nameEn: "Jinzhou", weight: 6,
    counties: [
      { code: "210702", name: "古塔区", nameEn: "Guta District" },
      { code: "210703", name: "凌河区", nameEn: "Linghe District" },
      { code: "210711", name: "太和区", nameEn: "Taihe District" },
      { code: "210726", name: "黑山县", nameEn: "Heishan County" },
      { code: "210727", name: "义县", nameEn: "Yi County" },
      { code: "210781", name: "凌海市", nameEn: "Linghai City" },
      { code: "210782", name: "北镇市", nameEn: "Beizhen City" },
    ],
  },
  {
    code: "210800", name: "营口市", nameEn: "Yingkou", weight: 5,
    counties: [
      { code: "210802", name: "站前区", nameEn: "Zhanqian District" },
      { code: "210803", name: "西市区", nameEn: "Xishi District" },
      { code: "210804", name: "鲅鱼圈区", nameEn: "Bayuquan District" },
      { code: "210811", name: "老边区", nameEn: "Laobian District" },
      { code: "210881", name: "盖州市", nameEn: "Gaizhou City" },
      { code: "210882", name: "大石桥市", nameEn: "Dashiqiao City" },
    ],
  },
  {
    code: "210900", name: "阜新市", nameEn: "Fuxin", weight: 4,
    counties: [
      { code: "210902", name: "海州区", nameEn: "Haizhou District" },
      { code: "210903", name: "新邱区", nameEn: "Xinqiu District" },
      { code: "210904", name: "太平区", nameEn: "Taiping District" },
      { code: "210905", name: "清河门区", nameEn: "Qinghemen District" },
      { code: "210911", name: "细河区", nameEn: "Xihe District" },
      { code: "210921", name: "阜新蒙古族自治县", nameEn: "Fuxin Mongol Autonomous County" },
      { code: "210922", name: "彰武县", nameEn: "Zhangwu County" },
    ],
  },
  {
    code: "211000", name: "辽阳市", nameEn: "Liaoyang", weight: 4,
    counties: [
      { code: "211002", name: "白塔区", nameEn: "Baita District" },
      { code: "211003", name: "文圣区", nameEn: "Wensheng District" },
      { code: "211004", name: "宏伟区", nameEn: "Hongwei District" },
      { code: "211005", name: "弓长岭区", nameEn: "Gongchangling District" },
      { code: "211011", name: "太子河区", nameEn: "Taizihe District" },
      { code: "211021", name: "辽阳县", nameEn: "Liaoyang County" },
      { code: "211081", name: "灯塔市", nameEn: "Dengta City" },
    ],
  },
  {
    code: "211100", name: "盘锦市", nameEn: "Panjin", weight: 3,
    counties: [
      { code: "211102", name: "双台子区", nameEn: "Shuangtaizi District" },
      { code: "211103", name: "兴隆台区", nameEn: "Xinglongtai District" },
      { code: "211104", name: "大洼区", nameEn: "Dawa District" },
      { code: "211122", name: "盘山县", nameEn: "Panshan County" },
    ],
  },
  {
    code: "211200", name: "铁岭市", nameEn: "Tieling", weight: 5,
    counties: [
      { code: "211202", name: "银州区", nameEn: "Yinzhou District" },
      { code: "211204", name: "清河区", nameEn: "Qinghe District" },
      { code: "211221", name: "铁岭县", nameEn: "Tieling County" },
      { code: "211223", name: "西丰县", nameEn: "Xifeng County" },
      { code: "211224", name: "昌图县", nameEn: "Changtu County" },
      { code: "211281", name: "调兵山市", nameEn: "Diaobingshan City" },
      { code: "211282", name: "开原市", nameEn: "Kaiyuan City" },
    ],
  },
  {
    code: "211300", name: "朝阳市", nameEn: "Chaoyang", weight: 6,
    counties: [
      { code: "211302", name: "双塔区", nameEn: "Shuangta District" },
      { code: "211303", name: "龙城区", nameEn: "Longcheng District" },
      { code: "211321", name: "朝阳县", nameEn: "Chaoyang County" },
      { code: "211322", name: "建平县", nameEn: "Jianping County" },
      { code: "211324", name: "喀喇沁左翼蒙古族自治县", nameEn: "Harqin Left Wing Mongol Autonomous County" },
      { code: "211381", name: "北票市", nameEn: "Beipiao City" },
      { code: "211382", name: "凌源市", nameEn: "Lingyuan City" },
    ],
  },
  {
    code: "211400", name: "葫芦岛市", nameEn: "Huludao", weight: 5,
    counties: [
      { code: "211402", name: "连山区", nameEn: "Lianshan District" },
      { code: "211403", name: "龙港区", nameEn: "Longgang District" },
      { code: "211404", name: "南票区", nameEn: "Nanpiao District" },
      { code: "211421", name: "绥中县", nameEn: "Suizhong County" },
      { code: "211422", name: "建昌县", nameEn: "Jianchang County" },
      { code: "211481", name: "兴城市", nameEn: "Xingcheng City" },
    ],
  },
];

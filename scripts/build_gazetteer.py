"""Build sitrep's gazetteer and actor tables from openly licensed sources.

Run from the repo root (needs ../shared/ or SITREP_SHARED)::

    .venv/bin/python scripts/build_gazetteer.py

Sources (named in NOTICE):
- pycountry (LGPL-2.1, data from ISO 3166 via Debian iso-codes): country names and codes.
- Phoenix actor dictionaries from openeventdata/petrarch2 (MIT):
  ``Phoenix.Countries.actors.txt`` (country aliases, cities, institutions, dated leaders),
  ``Phoenix.International.actors.txt`` (IGOs, media, dated IGO officials),
  ``Phoenix.agents.txt`` (role words -> sector such as GOV, MIL, COP).
- Hand tables below (written for sitrep): capitals, demonyms the Phoenix lists do not mark,
  metonyms, news media, common short names. These are facts, typed from general knowledge.

Writes ``sitrep/data/gazetteer.json``, ``sitrep/data/leaders.json``, ``sitrep/data/agents.json``.
The output is deterministic (sorted), so a rebuild diff shows real changes only.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parents[1]
from sitrep.refdata import shared_dir  # noqa: E402
SHARED = shared_dir()
PETRARCH = SHARED / "data" / "events" / "petrarch"
OUT = ROOT / "sitrep" / "data"

# ---------------------------------------------------------------- hand tables
# Capitals (ISO alpha-3 -> capital; extra spellings after '|').
CAPITALS = """
AFG Kabul;ALB Tirana;DZA Algiers;AND Andorra la Vella;AGO Luanda;ATG Saint John's;ARG Buenos Aires;
ARM Yerevan;AUS Canberra;AUT Vienna;AZE Baku;BHS Nassau;BHR Manama;BGD Dhaka;BRB Bridgetown;
BLR Minsk;BEL Brussels;BLZ Belmopan;BEN Porto-Novo;BTN Thimphu;BOL La Paz|Sucre;BIH Sarajevo;
BWA Gaborone;BRA Brasilia|Brasília;BRN Bandar Seri Begawan;BGR Sofia;BFA Ouagadougou;BDI Gitega;
KHM Phnom Penh;CMR Yaounde|Yaoundé;CAN Ottawa;CPV Praia;CAF Bangui;TCD N'Djamena;CHL Santiago;
CHN Beijing|Peking;COL Bogota|Bogotá;COM Moroni;COG Brazzaville;COD Kinshasa;CRI San Jose;
CIV Yamoussoukro|Abidjan;HRV Zagreb;CUB Havana;CYP Nicosia;CZE Prague;DNK Copenhagen;DJI Djibouti City;
DMA Roseau;DOM Santo Domingo;ECU Quito;EGY Cairo;SLV San Salvador;GNQ Malabo;ERI Asmara;EST Tallinn;
SWZ Mbabane;ETH Addis Ababa;FJI Suva;FIN Helsinki;FRA Paris;GAB Libreville;GMB Banjul;GEO Tbilisi;
DEU Berlin;GHA Accra;GRC Athens;GRD St. George's;GTM Guatemala City;GIN Conakry;GNB Bissau;
GUY Georgetown;HTI Port-au-Prince;HND Tegucigalpa;HUN Budapest;ISL Reykjavik;IND New Delhi;
IDN Jakarta;IRN Tehran|Teheran;IRQ Baghdad;IRL Dublin;ISR Jerusalem;ITA Rome;JAM Kingston;JPN Tokyo;
JOR Amman;KAZ Astana|Nur-Sultan;KEN Nairobi;KIR Tarawa;PRK Pyongyang;KOR Seoul;KWT Kuwait City;
KGZ Bishkek;LAO Vientiane;LVA Riga;LBN Beirut;LSO Maseru;LBR Monrovia;LBY Tripoli;LIE Vaduz;
LTU Vilnius;LUX Luxembourg City;MDG Antananarivo;MWI Lilongwe;MYS Kuala Lumpur;MDV Male;MLI Bamako;
MLT Valletta;MHL Majuro;MRT Nouakchott;MUS Port Louis;MEX Mexico City;FSM Palikir;MDA Chisinau|Chișinău;
MCO Monaco;MNG Ulaanbaatar|Ulan Bator;MNE Podgorica;MAR Rabat;MOZ Maputo;MMR Naypyidaw|Naypyitaw;
NAM Windhoek;NRU Yaren;NPL Kathmandu;NLD Amsterdam|The Hague;NZL Wellington;NIC Managua;NER Niamey;
NGA Abuja;MKD Skopje;NOR Oslo;OMN Muscat;PAK Islamabad;PLW Ngerulmud;PSE Ramallah;PAN Panama City;
PNG Port Moresby;PRY Asuncion|Asunción;PER Lima;PHL Manila;POL Warsaw;PRT Lisbon;QAT Doha;
ROU Bucharest;RUS Moscow;RWA Kigali;KNA Basseterre;LCA Castries;VCT Kingstown;WSM Apia;
SMR San Marino;STP Sao Tome;SAU Riyadh;SEN Dakar;SRB Belgrade;SYC Victoria;SLE Freetown;SGP Singapore;
SVK Bratislava;SVN Ljubljana;SLB Honiara;SOM Mogadishu;ZAF Pretoria;SSD Juba;ESP Madrid;
LKA Colombo|Sri Jayawardenepura Kotte;SDN Khartoum;SUR Paramaribo;SWE Stockholm;CHE Bern|Berne;
SYR Damascus;TWN Taipei;TJK Dushanbe;TZA Dodoma;THA Bangkok;TLS Dili;TGO Lome|Lomé;TON Nuku'alofa;
TTO Port of Spain;TUN Tunis;TUR Ankara;TKM Ashgabat;TUV Funafuti;UGA Kampala;UKR Kyiv|Kiev;
ARE Abu Dhabi;GBR London;USA Washington|Washington, D.C.|Washington DC;URY Montevideo;UZB Tashkent;
VUT Port Vila;VEN Caracas;VNM Hanoi;YEM Sanaa|Sana'a;ZMB Lusaka;ZWE Harare;VAT Vatican City;
XKX Pristina;HKG Hong Kong
"""

# Names people actually write (ISO names are formal: "Russian Federation", "Viet Nam").
SHORT_NAMES = """
USA United States|United States of America|U.S.|US|U.S.A.|USA|America;
GBR United Kingdom|Britain|Great Britain|UK|U.K.;RUS Russia|Russian Federation;KOR South Korea;
PRK North Korea;IRN Iran;SYR Syria;VNM Vietnam;TUR Turkey|Türkiye;CZE Czech Republic|Czechia;
CIV Ivory Coast|Côte d'Ivoire;COD Democratic Republic of Congo|DR Congo|DRC|Congo;COG Republic of Congo|Congo-Brazzaville;
NLD Netherlands|Holland;MDA Moldova;BOL Bolivia;VEN Venezuela;TZA Tanzania;LAO Laos;TWN Taiwan;
PSE Palestine|Palestinian Territories;MKD North Macedonia|Macedonia;SWZ Eswatini|Swaziland;
MMR Myanmar|Burma;CPV Cape Verde;XKX Kosovo;VAT Vatican|Holy See;BRN Brunei;ARE UAE|United Arab Emirates
"""

# Demonyms and adjectives not derivable from the name by the prefix rule below.
DEMONYMS = """
GBR British|Briton|Britons|English|Scottish|Welsh;USA American|Americans;FRA French;NLD Dutch;
CHE Swiss;GRC Greek;ESP Spanish|Spaniard;DNK Danish|Dane;SWE Swedish|Swede;NOR Norwegian;
FIN Finnish|Finn;POL Polish|Pole|Poles;TUR Turkish|Turk;IRL Irish;CHN Chinese;JPN Japanese;
ISR Israeli|Israelis;IRQ Iraqi|Iraqis;IRN Iranian|Iranians;DEU German|Germans;RUS Russian|Russians;
UKR Ukrainian|Ukrainians;BLR Belarusian|Belarusians;ITA Italian|Italians;PRT Portuguese;
BEL Belgian;AUT Austrian;HUN Hungarian;ROU Romanian|Romanians;BGR Bulgarian;SRB Serbian|Serb|Serbs;
HRV Croatian|Croat;CZE Czech;SVK Slovak;SVN Slovenian|Slovene;LTU Lithuanian;LVA Latvian;
EST Estonian;GEO Georgian;ARM Armenian;AZE Azerbaijani|Azeri;KAZ Kazakh;SYR Syrian|Syrians;
LBN Lebanese;JOR Jordanian;EGY Egyptian;SAU Saudi|Saudis;YEM Yemeni;AFG Afghan|Afghans;
PAK Pakistani;IND Indian;BGD Bangladeshi;KOR South Korean;PRK North Korean;VNM Vietnamese;
THA Thai;PHL Filipino|Philippine;IDN Indonesian;MYS Malaysian;AUS Australian;NZL New Zealander;
CAN Canadian;MEX Mexican;BRA Brazilian;ARG Argentine|Argentinian;CHL Chilean;COL Colombian;
VEN Venezuelan;CUB Cuban;NGA Nigerian;KEN Kenyan;ETH Ethiopian;SOM Somali;SDN Sudanese;
LBY Libyan;TUN Tunisian;DZA Algerian;MAR Moroccan;ZAF South African;PSE Palestinian|Palestinians;
QAT Qatari;ARE Emirati;KWT Kuwaiti;OMN Omani;BHR Bahraini;MDA Moldovan;TWN Taiwanese;MLI Malian;
MMR Burmese|Myanmar;LKA Sri Lankan;NPL Nepalese|Nepali;COD Congolese
"""

# Regional and bloc adjectives: a NORP with no single country.
REGIONAL = "Asian|European|African|Arab|Arabs|Western|Latin American|Middle Eastern|Nordic|Baltic|Balkan|Kurdish|Kurds|Jewish|Muslim|Muslims|Christian|Sunni|Shia|Shiite"

# Platforms news cites as sources; the model often calls them people ("Twitter said").
PLATFORMS = "Twitter|Facebook|YouTube|Instagram|WhatsApp|Google|Microsoft"

# Buildings and streets that stand for a government (the metonym reading is the news one).
# name|aliases -> (country, actor code)
METONYMS = """
Kremlin|the Kremlin=RUS:RUSGOV;White House|the White House=USA:USAGOV;Pentagon|the Pentagon=USA:USAMIL;
State Department|the State Department|U.S. State Department|Foggy Bottom=USA:USAGOV;
Capitol Hill=USA:USALEG;Downing Street|Number 10|No 10|No. 10=GBR:GBRGOV;Whitehall=GBR:GBRGOV;
Westminster=GBR:GBRLEG;Elysee|Élysée|Elysee Palace|Élysée Palace=FRA:FRAGOV;
Quai d'Orsay=FRA:FRAGOV;Zhongnanhai=CHN:CHNGOV;Blue House=KOR:KORGOV;Bankova=UKR:UKRGOV;
Chancellery=DEU:DEUGOV;Bundestag=DEU:DEULEG;Knesset=ISR:ISRLEG;Duma|State Duma=RUS:RUSLEG;
Kremlin spokesman=RUS:RUSGOV;Foreign Office=GBR:GBRGOV;Ministry of Defence=GBR:GBRMIL;
Bundeswehr=DEU:DEUMIL;Verkhovna Rada|Rada=UKR:UKRLEG
"""

# News organisations: name|aliases = country (''= international/unknown).
MEDIA = """
Reuters|Thomson Reuters=GBR;Associated Press|AP=USA;Agence France-Presse|Agence France Presse|AFP=FRA;
Interfax=RUS;TASS|ITAR-TASS=RUS;RIA Novosti|RIA=RUS;RT|Russia Today=RUS;Sputnik=RUS;
CNN=USA;BBC|BBC News|British Broadcasting Corporation=GBR;ZDF=DEU;ARD=DEU;Deutsche Welle|DW=DEU;
dpa|DPA|Deutsche Presse-Agentur=DEU;El Pais|El País=ESP;EFE=ESP;ANSA=ITA;Le Monde=FRA;
Der Spiegel|Spiegel=DEU;Bild=DEU;RFE/RL|RFERL|Radio Free Europe/Radio Liberty|Radio Free Europe|Radio Liberty=USA;
Voice of America|VOA=USA;Al Jazeera|Al-Jazeera|Aljazeera=QAT;Al Arabiya=SAU;Xinhua=CHN;
CGTN=CHN;Global Times=CHN;Kyodo|Kyodo News=JPN;NHK=JPN;Yonhap=KOR;Anadolu|Anadolu Agency=TUR;
Ukrinform=UKR;UNIAN=UKR;Kyiv Independent=UKR;New York Times|The New York Times|NYT=USA;
Washington Post|The Washington Post=USA;Wall Street Journal|The Wall Street Journal|WSJ=USA;
Guardian|The Guardian=GBR;Financial Times|FT=GBR;The Times=GBR;The Telegraph|Telegraph=GBR;
Sky News=GBR;Bloomberg=USA;Fox News=USA;NBC|NBC News=USA;CBS|CBS News=USA;ABC News=USA;
NPR=USA;PBS=USA;MSNBC=USA;Politico=USA;Axios=USA;Newsweek=USA;Time magazine=USA;
The Economist|Economist=GBR;Haaretz=ISR;Times of Israel=ISR;Kommersant=RUS;Izvestia=RUS;
Novaya Gazeta=RUS;Meduza=RUS;Le Figaro=FRA;France 24=FRA;Euronews=FRA;Corriere della Sera=ITA;
Rossiya 24|Rossiya-24=RUS;Channel One=RUS;South China Morning Post=HKG;Press TV=IRN;IRNA=IRN;
Tasnim=IRN;Fars=IRN;SANA=SYR;KCNA=PRK;Anadolu Ajansi=TUR;PAP=POL;Agerpres=ROU;
Interfax-Ukraine=UKR;Ukrainska Pravda=UKR;Radio Svoboda=USA
"""

# IGOs as news writes them; Phoenix adds many more. name|aliases = code.
IGOS = """
NATO|North Atlantic Treaty Organization|North Atlantic Treaty Organisation|the Alliance=IGONAT;
European Union|EU|E.U.=IGOEEC;European Commission|EC=IGOEEC;European Parliament=IGOEEC;
European Council|Council of the European Union=IGOEEC;United Nations|UN|U.N.=IGOUNO;
UN Security Council|U.N. Security Council|Security Council|UNSC=IGOUNO;
General Assembly|UN General Assembly=IGOUNO;
Organization for Security and Co-operation in Europe|Organization for Security and Cooperation in Europe|OSCE=IGOOSC;
International Atomic Energy Agency|IAEA=IGOUNO;World Health Organization|WHO=IGOUNO;
International Monetary Fund|IMF=IGOIMF;World Bank=IGOWBK;World Trade Organization|WTO=IGOWTO;
African Union|AU=IGOAFU;Arab League=IGOARL;Association of Southeast Asian Nations|ASEAN=IGOASN;
Council of Europe=IGOCOE;G7|G-7|Group of Seven=IGOGOS;G20|G-20|Group of 20=IGOG20;
Collective Security Treaty Organization|CSTO=IGOCST;Shanghai Cooperation Organisation|SCO=IGOSCO;
OPEC|Organization of the Petroleum Exporting Countries=IGOOPC;International Criminal Court|ICC=IGOICC;
International Court of Justice|ICJ|World Court=IGOUNOJUDICJ;UNHCR=IGOUNO;UNICEF=IGOUNO;Red Cross|ICRC|International Committee of the Red Cross=NGOHRI;
Interpol=IGOCOP;Gulf Cooperation Council|GCC=IGOGCC;Organization of American States|OAS=IGOOAS;
European Central Bank|ECB=IGOEEC;Eurasian Economic Union=IGOEAE;Commonwealth of Independent States|CIS=IGOCIS
"""

# Role words -> sector, on top of Phoenix.agents (whose heads are mostly nouns like MINISTER).
EXTRA_AGENTS = {
    "president": "GOV", "prime minister": "GOV", "premier": "GOV", "chancellor": "GOV",
    "minister": "GOV", "foreign minister": "GOV", "deputy foreign minister": "GOV",
    "defense minister": "GOV", "defence minister": "GOV", "secretary of state": "GOV",
    "spokesman": "GOV", "spokeswoman": "GOV", "spokesperson": "GOV", "press secretary": "GOV",
    "ambassador": "GOV", "envoy": "GOV", "diplomat": "GOV", "official": "GOV", "king": "GOV",
    "queen": "GOV", "governor": "GOV", "mayor": "GOV", "secretary": "GOV", "defense secretary": "GOV",
    "defence secretary": "GOV", "foreign secretary": "GOV", "vice president": "GOV", "leader": "GOV",
    "general": "MIL", "commander": "MIL", "admiral": "MIL", "colonel": "MIL", "troops": "MIL",
    "soldier": "MIL", "soldiers": "MIL", "army": "MIL", "military": "MIL", "forces": "MIL",
    "rebels": "REB", "rebel": "REB", "separatists": "REB", "separatist": "REB", "insurgents": "REB",
    "militants": "REB", "police": "COP", "policeman": "COP", "police officer": "COP",
    "senator": "LEG", "lawmaker": "LEG", "congressman": "LEG", "congresswoman": "LEG", "mp": "LEG",
    "judge": "JUD", "prosecutor": "JUD", "opposition leader": "OPP", "activist": "CVL",
    "people": "CVL", "journalist": "MED", "reporter": "MED", "correspondent": "MED", "editor": "MED",
    "gov.": "GOV", "pres.": "GOV", "amb.": "GOV", "sen.": "LEG", "rep.": "LEG", "gen.": "MIL",
    "lt.": "MIL", "col.": "MIL", "adm.": "MIL", "sgt.": "MIL", "capt.": "MIL", "maj.": "MIL",
}

# AP state abbreviations (datelines: "ST. JOSEPH, Mich. (AP)").
US_STATES = (
    "Ala.|Alabama;Ariz.|Arizona;Ark.|Arkansas;Calif.|California;Colo.|Colorado;Conn.|Connecticut;"
    "Del.|Delaware;Fla.|Florida;Ga.|Georgia (U.S. state);Ill.|Illinois;Ind.|Indiana;Kan.|Kansas;"
    "Ky.|Kentucky;La.|Louisiana;Md.|Maryland;Mass.|Massachusetts;Mich.|Michigan;Minn.|Minnesota;"
    "Miss.|Mississippi;Mo.|Missouri;Mont.|Montana;Neb.|Nebraska;Nev.|Nevada;N.H.|New Hampshire;"
    "N.J.|New Jersey;N.M.|New Mexico;N.Y.|New York;N.C.|North Carolina;N.D.|North Dakota;Okla.|Oklahoma;"
    "Ore.|Oregon;Pa.|Pennsylvania;R.I.|Rhode Island;S.C.|South Carolina;S.D.|South Dakota;"
    "Tenn.|Tennessee;Vt.|Vermont;Va.|Virginia;Wash.|Washington (U.S. state);W.Va.|West Virginia;"
    "Wis.|Wisconsin;Wyo.|Wyoming"
)

REGIONS = {"WST", "EUR", "AFR", "MEA", "SEA", "ASA", "LAM", "SAS", "EAF", "WAF", "SAF", "CAS",
           "NAF", "CAF", "CAU", "BLK", "NMR", "SAM", "CRB"}


def _table(spec: str) -> list[tuple[str, list[str]]]:
    rows = []
    for item in spec.replace("\n", "").split(";"):
        item = item.strip()
        if not item:
            continue
        key, _, rest = item.partition(" ")
        rows.append((key, [n.strip() for n in rest.split("|") if n.strip()]))
    return rows


def _eq_table(spec: str) -> list[tuple[list[str], str]]:
    rows = []
    for item in spec.replace("\n", "").split(";"):
        item = item.strip()
        if not item:
            continue
        names, _, value = item.rpartition("=")
        rows.append(([n.strip() for n in names.split("|") if n.strip()], value.strip()))
    return rows


# ---------------------------------------------------------------- Phoenix reader
_CODE = re.compile(r"\[([^\]]*)\]")


def _clean_name(raw: str) -> str:
    """``VLADIMIR_PUTIN_`` -> ``Vladimir Putin`` style key (upper, spaces)."""
    raw = raw.split("#", 1)[0]
    raw = _CODE.sub("", raw)
    return " ".join(raw.replace("_", " ").split()).upper()


def read_phoenix(path: Path) -> list[dict]:
    """Blocks: {name, aliases, codes: [(code, start, end)]}; start/end YYYYMMDD or ''."""
    blocks: list[dict] = []
    cur = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body = line.split("#", 1)[0]
        if not body.strip():
            continue
        codes = [_parse_code(c) for c in _CODE.findall(body)]
        codes = [c for c in codes if c]
        if line[0] in " \t":
            if cur is not None:
                cur["codes"].extend(codes)
            continue
        if body.startswith("+"):
            if cur is not None:
                name = _clean_name(body[1:])
                if name:
                    cur["aliases"].append(name)
                cur["codes"].extend(codes)
            continue
        if body.startswith(("!", "<")):
            continue
        name = _clean_name(body)
        if not name:
            continue
        cur = {"name": name, "aliases": [], "codes": codes}
        blocks.append(cur)
    return blocks


def _date(s: str) -> str:
    s = s.strip()
    if len(s) == 6:  # YYMMDD: Phoenix lists start in the 1900s; pivot at 30
        yy = int(s[:2])
        return ("20" if yy <= 30 else "19") + s
    return s


def _parse_code(raw: str):
    parts = raw.split()
    if not parts or not re.fullmatch(r"~?[A-Z]{3,}", parts[0]):
        return None
    code, start, end = parts[0], "", ""
    if len(parts) > 1:
        rng = parts[1]
        if rng.startswith(">"):
            start = _date(rng[1:])
        elif rng.startswith("<"):
            end = _date(rng[1:])
        elif "-" in rng:
            a, _, b = rng.partition("-")
            start, end = _date(a), _date(b)
    return (code, start, end)


def igo_code(code: str) -> str:
    """IGOWSTNAT -> IGONAT: drop the region segment, keep IGO + organisation (6 letters)."""
    if code.startswith("IGO") and len(code) >= 9 and code[3:6] in REGIONS:
        return "IGO" + code[6:9]
    return code[:6]


# ---------------------------------------------------------------- assembling
def _title(name: str) -> str:
    return " ".join(w if (len(w) <= 4 and "." in w) else w.capitalize() for w in name.split())


def build() -> dict:
    if not PETRARCH.exists():
        sys.exit(f"{PETRARCH} is absent: the gazetteer is built from ../shared/")
    entries: dict[tuple[str, str], dict] = {}

    def add(name: str, kind: str, country, code, aliases=()):
        key = (kind, name)
        e = entries.setdefault(key, {"name": name, "kind": kind, "country": country, "code": code, "aliases": []})
        for a in aliases:
            if a != name and a not in e["aliases"]:
                e["aliases"].append(a)

    iso = {c.alpha_3 for c in pycountry.countries} | {"XKX"}
    short = dict(_table(SHORT_NAMES))
    for c in pycountry.countries:
        names = short.get(c.alpha_3, [])
        display = names[0] if names else getattr(c, "common_name", None) or c.name
        forms = [c.name] + [getattr(c, a) for a in ("common_name", "official_name") if hasattr(c, a)] + names
        add(display, "country", c.alpha_3, c.alpha_3, forms)
    add("Kosovo", "country", "XKX", "XKX", short.get("XKX", []))
    for code, names in _table(CAPITALS):
        add(names[0], "capital", code, code + "GOV", names[1:])
    for code, names in _table(DEMONYMS):
        for n in names:
            # "Russians" is another form of "Russian": one entry, so one entity per article.
            if n.endswith("s") and n[:-1] in names:
                add(n[:-1], "demonym", code, code, [n])
            else:
                add(n, "demonym", code, code)
    for item in US_STATES.split(";"):
        abbr, _, state = item.partition("|")
        add(abbr, "place", "USA", "USA")
    for n in PLATFORMS.split("|"):
        add(n, "org", "USA", "USABUS")
    for n in REGIONAL.split("|"):
        add(n, "demonym", None, None)
    # "The West" acts as a bloc (CAMEO WST), not a country.
    add("West", "igo", None, "WST", ["the West"])
    for names, value in _eq_table(METONYMS):
        country, _, code = value.partition(":")
        add(names[0], "metonym", country, code, names[1:])
    for names, country in _eq_table(MEDIA):
        add(names[0], "media", country or None, (country or "") + "MED", names[1:])
    for names, code in _eq_table(IGOS):
        add(names[0], "igo", None, code, names[1:])

    known = {a.upper() for e in entries.values() for a in [e["name"], *e["aliases"]]}
    leaders: dict[str, list] = {}
    people: list = []
    # Countries file: top-level country blocks give cities/regions; undated coded blocks
    # give institutions; dated blocks give people (leaders) with their terms.
    for b in read_phoenix(PETRARCH / "Phoenix.Countries.actors.txt"):
        codes = b["codes"]
        if len(codes) == 1 and len(codes[0][0]) == 3 and not codes[0][1] and codes[0][0] in iso:
            cc = codes[0][0]
            for a in b["aliases"]:
                # "THE US" style aliases: lookup() already ignores a leading "the".
                if a in known or len(a) < 4 or a.startswith("THE ") or not re.fullmatch(r"[A-Z][A-Z .'-]+", a):
                    continue
                stems = {w[:3] for w in b["name"].split() if len(w) > 3}
                if len(a.split()) == 1 and a[:3] in stems and a.endswith(("AN", "ESE", "ISH", "I")):
                    add(_title(a), "demonym", cc, cc)
                else:
                    add(_title(a), "place", cc, cc)
            continue
        _add_leader(leaders, b, iso, people)
        if codes and all(not s and not e for _, s, e in codes):
            code = codes[0][0].lstrip("~")
            if (code[:3] in iso and len(code) >= 6 and b["name"] not in known and len(b["name"]) > 3
                    and _INSTITUTION.search(b["name"])):
                add(_title(b["name"]), "org", code[:3], code[:6],
                    [_title(a) for a in b["aliases"] if a not in known and len(a) > 3])
    for b in read_phoenix(PETRARCH / "Phoenix.International.actors.txt"):
        codes = b["codes"]
        _add_leader(leaders, b, iso, people)
        if not codes or any(s or e for _, s, e in codes):
            continue
        code = codes[0][0]
        if b["name"] in known or len(b["name"]) <= 3:
            continue
        aliases = [_title(a) for a in b["aliases"] if a not in known]
        if code.startswith("IGO"):
            add(_title(b["name"]), "igo", None, igo_code(code), aliases)
        elif re.fullmatch(r"([A-Z]{3})?MED", code):
            add(_title(b["name"]), "media", code[:3] if code[:3] in iso else None, code[:6], aliases)
    # Armed non-state actors (Phoenix.MilNonState): al-Shabab SOMREB, Taliban AFGREB, Hamas PSEREB.
    for b in read_phoenix(PETRARCH / "Phoenix.MilNonState.actors.txt"):
        codes = [c for c, s, e in b["codes"] if not s and not e]
        if not codes or b["name"] in known or len(b["name"]) <= 3:
            continue
        code = codes[0].lstrip("~")
        country = code[:3] if code[:3] in iso else None
        names = [n for n in [b["name"], *b["aliases"]] if n not in known and len(n) > 3
                 and (len(n.split()) == 1 or _ARMED_GROUP.search(n))
                 and not (len(n.split()) == 1 and (n in _COMMON_WORDS or not re.search(r"[A-Z]{2}", n)))]
        if names:
            add(_title(names[0]), "org", country, code[:6], [_title(a) for a in names[1:]])
    out = sorted(entries.values(), key=lambda e: (e["kind"], e["name"]))
    return {"entries": out, "leaders": dict(sorted(leaders.items())), "people": people}


# Phoenix undated blocks mix institutions with people; keep those named like an institution.
_INSTITUTION = re.compile(
    r"\b(MINISTRY|DEPARTMENT|ARMY|FORCES?|COUNCIL|SERVICE|AGENCY|BUREAU|PARTY|ASSEMBLY|PARLIAMENT|"
    r"COURT|COMMISSION|OFFICE|STREET|PALACE|POLICE|GUARDS?|NAVY|AIR FORCE|CONGRESS|SENATE|"
    r"COMMAND|INTELLIGENCE|ADMINISTRATION|CABINET|GOVERNMENT|MILITARY|DIRECTORATE|MOSSAD|DUMA|BUNDESRAT|RIFLES)\b")

# MilNonState blocks list members' names among the group's aliases; keep names of groups.
_ARMED_GROUP = re.compile(
    r"\b(ARMY|FRONT|BRIGADES?|MOVEMENT|ORGANI[SZ]ATION|PARTY|FORCES?|LIBERATION|COMMITTEE|COUNCIL|"
    r"RESISTANCE|MILITIAS?|JIHAD|MUJAHIDEEN|SHABAA?B|TALIBAN|STATE|GROUP|UNION|ALLIANCE|LEAGUE|"
    r"BATTALIONS?|COMMANDOS?|GUERRILLAS?|REBELS?|FIGHTERS|CELLS?|AL-[A-Z]+|HAMAS|HEZBOLLAH|HIZBOLLAH)\b")

# Single-word MilNonState aliases that are ordinary words in news text.
_COMMON_WORDS = {"ORGANIZATION", "YOUTH", "ZERO", "FALCON", "TIGERS", "MAVERICKS", "YAHWEH", "CAMO", "ALEPH",
                 "BOOGEYMEN", "HOTARU", "EYAL", "SHAHIN", "HISBA", "AMAL", "VENCEREMOS"}

# A dated block or spelling named like a state, institution or group rather than a person.
_NOT_A_PERSON = re.compile(
    _INSTITUTION.pattern + r"|\b(REPUBLIC|KINGDOM|FEDERATION|SFSR|SSR|EMIRATE|CALIPHATE|STATE|FRONT|BRIGADES?|"
    r"MOVEMENT|ORGANI[SZ]ATION|LIBERATION|COMMITTEE|RESISTANCE|MILITIAS?|GROUP|UNION|ALLIANCE|LEAGUE|NETWORK|"
    r"TREATY|POLITBYURO|SOVIET|AND)\b")

_TITLE_WORDS = {"PRESIDENT", "PRIME", "MINISTER", "KING", "QUEEN", "GENERAL", "SECRETARY", "CHANCELLOR",
                "VICE", "FORMER", "GOVERNOR", "SENATOR", "PREMIER", "DR.", "MR.", "MRS.", "SHEIKH", "EMIR"}


def _add_leader(leaders: dict, block: dict, iso: set, people: list) -> None:
    dated = [(c.lstrip("~"), s, e) for c, s, e in block["codes"] if s or e]
    if not dated:
        return
    default = [c.lstrip("~") for c, s, e in block["codes"] if not s and not e]
    terms = [[c[:6], s, e] for c, s, e in dated] + [[d[:6], "", ""] for d in default[:1]]
    forms = []
    for n in [block["name"], *block["aliases"]]:
        toks = n.split()
        # Only full names: a bare surname ("JOHNSON") is too ambiguous across countries.
        if len(toks) < 2 or len(toks) > 5 or toks[0] in _TITLE_WORDS or not re.fullmatch(r"[A-Z .'-]+", n):
            continue
        leaders.setdefault(n, terms)
        forms.append(n)
    # One row per person for surname look-ups ("Obama", "President Obama"): the surnames
    # of the listed full names, and how many spellings list them (a head of state has many).
    # Dated blocks also hold states, institutions and armed groups ("REPUBLIC OF GEORGIA",
    # "SYRIAN NATIONAL COUNCIL", "ISLAMIC STATE OF IRAQ"): their last words ("Council",
    # "Georgia", "Republic") are not anybody's surname, and as one they turned "the Council"
    # into an armed group.
    # A block coded with a bare country code at some date ('GEORGIA': USRGEO, then GEO) is the
    # state itself, whatever its spellings ('GEORGIA PROPER', 'COUNTRY OF GEORGIA').
    if _NOT_A_PERSON.search(block["name"]) or any(c.lstrip("~") in iso for c, _, _ in block["codes"]):
        return
    surnames = sorted({f.split()[-1] for f in forms if re.fullmatch(r"[A-Z][A-Z'-]{2,}", f.split()[-1])
                       and not _NOT_A_PERSON.search(f)})
    if surnames:
        people.append({"name": forms[0], "forms": len(block["aliases"]) + 1, "surnames": surnames, "terms": terms})


def build_agents() -> dict:
    agents: dict[str, str] = {}
    for line in (PETRARCH / "Phoenix.agents.txt").read_text(encoding="utf-8", errors="replace").splitlines():
        body = line.split("#", 1)[0].strip()
        m = re.match(r"^([A-Z_!' -]+?)\s*(\{[^}]*\})?\s*\[~([A-Z]{3})", body)
        if not m or "!" in m.group(1):
            continue
        words = " ".join(m.group(1).replace("_", " ").split()).lower()
        if words:
            agents.setdefault(words, m.group(3))
    agents.update(EXTRA_AGENTS)
    return dict(sorted(agents.items()))


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    data = build()
    (OUT / "gazetteer.json").write_text(json.dumps(data["entries"], ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    # Leaders: each distinct term list stored once, names point at it (the file stays small).
    terms: list = []
    index: dict[str, int] = {}
    names: dict[str, int] = {}

    def term_index(t: list) -> int:
        key = json.dumps(t)
        if key not in index:
            index[key] = len(terms)
            terms.append(t)
        return index[key]

    for name, t in data["leaders"].items():
        names[name] = term_index(t)
    # surname -> [[person name, spellings, term index], ...], most often listed first.
    surnames: dict[str, list] = {}
    for p in data["people"]:
        for s in p["surnames"]:
            surnames.setdefault(s, []).append([p["name"], p["forms"], term_index(p["terms"])])
    surnames = {k: sorted(v, key=lambda r: (-r[1], r[0])) for k, v in sorted(surnames.items())}
    (OUT / "leaders.json").write_text(json.dumps({"terms": terms, "names": names, "surnames": surnames},
                                                 ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    (OUT / "agents.json").write_text(json.dumps(build_agents(), ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(data['entries'])} gazetteer entries, {len(data['leaders'])} leader names")


if __name__ == "__main__":
    main()

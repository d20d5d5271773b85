"""What kind of organisation a name denotes, read from how it ends (부 → government, 연구원 →
research, University → university, 시 → local-government, Co., Ltd → company, ...).

The lists are the naming conventions of Korean and English institutions, not of any article.
"""

from __future__ import annotations

import re

from services.query.drafts.lexicon import DELEGATION_NAMES_KO

# (ending, type), longest endings first so that 연구원 wins over 원 and 진흥원 over 원.
_KO_ENDINGS = [
    ("도시", "other"), ("워킹그룹", "other"), ("실무그룹", "other"), ("작업그룹", "other"), ("작업 그룹", "other"), ("공동위원회", "other"),
    ("과학기술위원회", "government"), ("위원회", "government"), ("과학아카데미", "research"),
    ("행정아카데미", "university"), ("아카데미", "research"), ("대학교", "university"), ("대학", "university"),
    ("과학기술원", "university"), ("KAIST", "university"), ("연구원", "research"), ("연구소", "research"),
    ("연구회", "agency"), ("연구센터", "research"), ("과학원", "research"), ("병원", "hospital"),
    ("의료원", "hospital"), ("진흥원", "agency"), ("진흥공사", "agency"), ("개발원", "agency"), ("공단", "agency"),
    ("공사", "agency"), ("재단", "agency"), ("평가원", "agency"), ("교육원", "agency"), ("정보원", "agency"),
    ("관리원", "agency"), ("기술원", "research"), ("연수원", "agency"), ("진흥회", "association"),
    ("총국", "government"), ("관리국", "government"), ("테크노파크", "agency"), ("하이테크파크", "agency"),
    ("협회", "association"), ("협의회", "association"), ("학회", "association"), ("연합회", "association"),
    ("상공회의소", "association"), ("대사관", "government"), ("정부", "government"), ("의회", "government"),
    ("하원", "government"), ("상원", "government"), ("부", "government"), ("처", "government"),
    ("청", "government"), ("특별시", "local-government"), ("광역시", "local-government"),
    ("시청", "local-government"), ("도청", "local-government"), ("시", "local-government"),
    ("특별자치도", "local-government"), ("북도", "local-government"), ("남도", "local-government"),
    ("경기도", "local-government"), ("강원도", "local-government"), ("제주도", "local-government"),
    ("협력단", "agency"), ("사업단", "agency"), ("기구", "agency"), ("연구기구", "research"), ("구청", "local-government"), ("전자", "company"), ("그룹", "company"), ("은행", "company"),
    ("주식회사", "company"), ("(주)", "company"), ("㈜", "company"), ("기업", "company"),
    ("제약", "company"), ("바이오텍", "company"), ("바이오테크", "company"), ("레일웨이즈", "company"),
    ("철도공사", "company"), ("박물관", "other"), ("과학관", "other"), ("센터", "other"),
]
_WHOLE = {"경기도", "강원도", "제주도"}  # provinces whose whole name is the ending
_EN_TYPES = [
    (r"\b(?:University|College|Polytechnic|KAIST|Institute of Technology|Universitas|Universidad|Universidade|"
     r"Università|Universität|Université|Universiteit|Uniwersytet)\b", "university"),
    (r"\b(?:Hospital|Medical Cent(?:er|re)|Clinic)\b", "hospital"),
    (r"\b(?:City|Metropolitan|Municipal|Province|Provincial|County|Prefecture|Mayor)\b", "local-government"),
    (r"\b(?:Ministry|Minister|Government|Department|Parliament|Embassy|Office of the|Presidential|Council|Commission|"
     r"Cabinet)\b", "government"),
    (r"\b(?:Agency|Authority|Administration|Foundation|Corporation for|Service|Promotion|Fund)\b", "agency"),
    (r"\b(?:Institute|Institutes|Laboratory|Laboratories|Academy|Research Cent(?:er|re)|Observatory)\b", "research"),
    (r"\b(?:Association|Federation|Society|Chamber|Union|Alliance|Network)\b", "association"),
    (r"\b(?:Co\.|Company|Corp\.?|Corporation|Inc\.?|Ltd\.?|LLC|GmbH|AG|plc|S\.A\.|Electronics|Motors|"
     r"Telecom|Railways|Bank|Holdings|Industries|Technologies|Systems|Semiconductors?|Chemicals?|Pharmaceuticals?|"
     r"Robotics|Aerospace|Airlines|Shipbuilding|Steel|Solutions|Biologics)\b", "company"),
    (r"\b(?:United Nations|UNESCO|OECD|World Bank|European Union|European Commission|IAEA|WHO|ASEAN|APEC)\b",
     "international"),
]
_EN_COMPILED = [(re.compile(p), t) for p, t in _EN_TYPES]

# Titles that follow a person's name ("유영민 과학기술정보통신부 장관", "Minister Kim").
PERSON_TITLES_KO = ("대통령", "총리", "장관", "차관", "차관보", "대사", "시장", "지사", "도지사", "구청장", "총장", "원장",
                    "소장", "부소장", "위원장", "이사장", "회장", "부회장", "사장", "대표", "처장", "국장", "실장",
                    "교수", "박사", "단장", "청장", "기획관", "CEO", "의장", "총재", "관계자", "기자")


def guess_type(name: str) -> str:
    """The participant type a name suggests; 'other' when nothing in it says."""
    if re.search(r"[가-힣]", name):
        bare = re.sub(r"\([^)]*\)$", "", name).strip()  # 한국기계연구원(KIMM) → 한국기계연구원
        for ending, kind in _KO_ENDINGS:
            # a one-syllable ending needs two before it (산업부, 서울시), not one (요청, 지원)
            if bare.endswith(ending) and (len(bare) > len(ending) + (len(ending) == 1) or bare in _WHOLE):
                return kind
        return "other"
    for pattern, kind in _EN_COMPILED:
        if pattern.search(name):
            return kind
    return "other"


def is_org_name(name: str) -> bool:
    """Does the name end like an institution's (a chunk worth calling a participant)?"""
    if re.search(r"\S\s*(?:" + "|".join(DELEGATION_NAMES_KO + ("시찰단", "경제사절단")) + ")$", name):
        return True  # "꽝닌성 대표단": a delegation is its side's party
    if re.search(r"[가-힣]{2,}\([A-Z][A-Za-z&]{1,9}\)$", name):
        return True  # 한국국제협력단(KOICA): a name with its acronym
    return guess_type(name) != "other" or bool(re.search(r"[가-힣](?:센터|박물관|과학관)(?:\([^)]*\))?$", name))

"""The controlled vocabularies of DESIGN §4: kinds, sectors, participant types and roles.

Slugs are what records store; labels are part of the contract and served by both services.
"""

from __future__ import annotations

KINDS: dict[str, dict[str, str]] = {
    "signing": {"label_en": "Agreement, MOU, sister-city pact", "label_ko": "협정·양해각서 체결", "cameo": "057"},
    "visit": {"label_en": "Official visit or delegation", "label_ko": "공식 방문·대표단", "cameo": "042/043"},
    "forum": {"label_en": "Forum, conference, seminar, exhibition, science days", "label_ko": "포럼·회의·세미나·전시", "cameo": "044/043"},
    "meeting": {"label_en": "Joint committee or working-group meeting", "label_ko": "공동위원회·실무그룹 회의", "cameo": "040/046"},
    "opening": {"label_en": "Opening of a joint centre, lab or office", "label_ko": "공동 센터·연구소·사무소 개소", "cameo": "060"},
    "project": {"label_en": "Joint project, programme or technical assistance", "label_ko": "공동 프로젝트·프로그램·기술지원", "cameo": "061"},
    "other": {"label_en": "Other", "label_ko": "기타", "cameo": ""},
}

# (slug, Korean label, English label) in the order of DESIGN §4.
_SECTORS = [
    ("ict", "정보통신", "ICT"),
    ("telecom", "통신·5G", "Telecommunications & 5G"),
    ("software", "소프트웨어", "Software"),
    ("big-data", "빅데이터", "Big data"),
    ("ai", "인공지능", "Artificial intelligence"),
    ("robotics", "로봇", "Robotics"),
    ("cybersecurity", "사이버보안", "Cybersecurity"),
    ("e-government", "전자정부", "E-government"),
    ("digital-transformation", "디지털 전환", "Digital transformation"),
    ("healthcare", "보건의료", "Healthcare & digital health"),
    ("medical-devices", "의료기기", "Medical devices"),
    ("biotech", "바이오", "Biotechnology"),
    ("pharma", "제약", "Pharmaceuticals"),
    ("nanotech", "나노기술", "Nanotechnology"),
    ("materials", "신소재", "Advanced materials"),
    ("nuclear", "원자력", "Nuclear technology"),
    ("optics", "광학", "Optics & photonics"),
    ("mechanical", "기계", "Mechanical engineering"),
    ("manufacturing", "제조", "Manufacturing"),
    ("semiconductors", "반도체", "Semiconductors"),
    ("energy", "에너지", "Energy"),
    ("environment", "환경", "Environment"),
    ("agriculture", "농축산", "Agriculture & livestock"),
    ("unmanned-vehicles", "무인이동체", "Unmanned vehicles & drones"),
    ("space", "우주", "Space"),
    ("transport", "교통·철도", "Transport & railways"),
    ("smart-city", "스마트도시", "Smart cities"),
    ("startups", "창업·혁신생태계", "Startups & innovation ecosystems"),
    ("basic-science", "기초과학", "Basic science"),
    ("education", "교육·인력교류", "Education & talent exchange"),
    ("public-administration", "행정", "Public administration"),
    ("culture", "문화·관광", "Culture & tourism"),
]
SECTORS: dict[str, dict[str, str]] = {s: {"label_ko": ko, "label_en": en} for s, ko, en in _SECTORS}

STATUSES = ("occurred", "planned", "postponed", "cancelled")
PARTICIPANT_TYPES = (
    "government", "local-government", "agency", "research", "university", "company",
    "hospital", "association", "international", "person", "other",
)
PARTICIPANT_ROLES = ("signatory", "host", "visitor", "organiser", "participant")


def vocabulary_document() -> dict:
    """The body of `GET /v1/vocabulary` (identical on both services)."""
    from shared.countries import all_countries

    return {
        "kinds": [{"kind": k, **v} for k, v in KINDS.items()],
        "sectors": [{"sector": s, **v} for s, v in SECTORS.items()],
        "statuses": list(STATUSES),
        "participant_types": list(PARTICIPANT_TYPES),
        "participant_roles": list(PARTICIPANT_ROLES),
        "countries": all_countries(),
    }

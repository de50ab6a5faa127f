"""Reading one imported cell into a person's field: names across scripts, statuses, roles, genders, yes/no.

Also what a meeting tool shows that is no one's name: devices, rooms and dial-in numbers.
"""

from __future__ import annotations

import re
import unicodedata

from ...core.textfold import fold

# Only the tags meeting tools add are cut; any other bracket is part of the name as written.
_TAG = re.compile(r"\s*[(（](ext|guest|gast|invite|invité|org|host|co-host|organi[sz]er|presenter|panelist|external|extern|"
                  r"unverified|non vérifié|ゲスト|外部|게스트|외부)[)）]\s*$", re.I)
# The tags that say the person's part in the meeting: Zoom's "(Host)", "(Co-host)".
_ROLE_TAG = re.compile(r"[(（](host|co-host|organi[sz]er|presenter|panelist)[)）]\s*$", re.I)
_SEAT = re.compile(r"^\d{1,4}_")  # Zoom seating prefixes such as "015_Loki"
# Zoom's "Display (Original Name)": a space before the bracket and a name of two or more words inside it.
_ORIGINAL = re.compile(r"^(?:\S.*?\s+)?[(（]([^\W\d_][\w.'’ -]*\s[\w.'’ -]*\w)[)）]$")


# What meeting tools show for a device or a room that joined rather than a person: "iPhone de Marie", "Galaxy S23",
# "Conference Room 4.12 (Unverified)", a dial-in number.
_DEVICE = re.compile(
    r"\b(?:iphone|ipad|ipod|macbook|android)\b"
    r"|^(?:galaxy\s+\S+|pixel\s*\d|samsung|huawei|xiaomi|redmi|oneplus|surface\s+(?:pro|go|laptop|book|hub)|zoom\s+rooms?|"
    r"teams\s+rooms?|polycom|poly\s+studio|logitech|crestron|webex\s+room|desktop-\w+|laptop-\w+)\b"
    r"|\w['’]s\s+(?:galaxy|pixel|phone|laptop)\b"
    r"|\b(?:conference|meeting|board|video)\s*room\b|\bsalle\s+(?:de\s+)?(?:r[ée]union|conf[ée]rence|visio)|"
    r"\bsala\s+(?:de\s+)?(?:reuniones|riunioni|conferenze|juntas)\b|besprechungsraum|konferenzraum|sitzungssaal|会議室|회의실",
    re.I)
_DIAL_IN = re.compile(r"^\+?[\d\s().*-]{7,}$")


def device_name(text: str) -> bool:
    """Whether a meeting tool's display name is a device, a room or a dial-in number rather than a person."""
    name = " ".join(str(text).split())
    # "Brussels Room 3.14 (Teams Room)": the tag in brackets may be what tells
    return any(_DEVICE.search(n) or _DIAL_IN.match(n) for n in (name, clean_display_name(name)))


def has_cjk(text: str) -> bool:
    """Whether the text holds Han, kana or Hangul."""
    for ch in text:
        name = unicodedata.name(ch, "")
        if name.startswith(("CJK UNIFIED", "CJK COMPATIBILITY IDEOGRAPH", "HIRAGANA", "KATAKANA", "HANGUL")):
            return True
    return False


def clean_display_name(text: str) -> str:
    """A meeting tool's display name without seat numbers and (Guest)/(EXT) tags; Zoom's original name wins."""
    name = _TAG.sub("", " ".join(str(text).split()))
    match = _ORIGINAL.match(name)
    if match:
        name = match.group(1)
    return _SEAT.sub("", name).strip()


def tagged_role(text: str) -> str | None:
    """The role a display name's tag gives ("Ana Ruiz (Host)" → organiser), or None."""
    match = _ROLE_TAG.search(str(text))
    return role_value(match.group(1)) if match else None


def _is_caps(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def split_name(full: str) -> tuple[str, str, str, str]:
    """(given, family, local_name, name_order) from one full-name cell, in any script."""
    name = " ".join(unicodedata.normalize("NFKC", full).split())
    if not name:
        return "", "", "", "given_first"
    if has_cjk(name):
        parts = name.split(" ")
        if len(parts) >= 2:
            return " ".join(parts[1:]), parts[0], name, "family_first"
        if all("HANGUL" in unicodedata.name(c, "") for c in name) and len(name) in (3, 4):
            return name[1:], name[0], name, "family_first"  # Korean: one-syllable family name first
        return "", name, name, "family_first"
    if "," in name:
        family, _, given = name.partition(",")
        return given.strip(), family.strip(), "", "given_first"
    words = name.split(" ")
    caps = [w for w in words if _is_caps(w)]
    if caps and len(caps) < len(words) and words[: len(caps)] == caps:
        return " ".join(words[len(caps):]), " ".join(caps), "", "family_first"  # "JANSSENS Jan": EU directory style
    if len(words) == 1:
        return words[0], "", "", "given_first"
    return " ".join(words[:-1]), words[-1], "", "given_first"


STATUS_WORDS = {
    "registered": ("registered", "attending", "approved", "pending", "complete", "completed", "unpaid", "accepted", "new",
                   "inscrit", "angemeldet", "registrado", "inscrito", "iscritto", "registrato", "登録", "登録済", "申込", "신청", "등록"),
    "confirmed": ("confirmed", "paid", "confirme", "bestatigt", "confirmado", "confermato", "確定", "確認済", "참가확정", "확정"),
    "invited": ("invited", "invite", "eingeladen", "invitado", "invitato", "招待", "초대"),
    "waitlisted": ("waitlisted", "waiting list", "waitlist", "liste d'attente", "warteliste", "lista de espera",
                   "lista d'attesa", "キャンセル待ち", "대기"),
    "declined": ("declined", "rejected", "denied", "refuse", "abgelehnt", "rechazado", "rifiutato", "辞退", "거절"),
    "cancelled": ("cancelled", "canceled", "withdrawn", "not attending", "refunded", "annule", "storniert", "abgesagt",
                  "cancelado", "annullato", "キャンセル", "取消", "취소"),
    "attended": ("attended", "checked in", "present", "yes", "出席", "참석"),
    "no_show": ("no show", "no-show", "no_show", "absent", "欠席", "불참"),
}
_STATUS = {fold(w): s for s, words in STATUS_WORDS.items() for w in words}

ROLE_WORDS = {
    "organiser": ("organiser", "organizer", "host", "co-host", "co-organizer", "co-organiser", "organisateur", "organisator", "veranstalter", "organizador", "organizzatore",
                  "主催", "주최"),
    "speaker": ("speaker", "presenter", "panelist", "panellist", "intervenant", "orateur", "presentateur", "referent", "redner",
                "vortragende", "moderator", "moderatorin", "presentador", "ponente",
                "relatore", "登壇者", "講演者", "발표자", "연사"),
    "delegate": ("delegate", "attendee", "participant", "delegue", "teilnehmer", "delegado", "participante", "delegato",
                 "partecipante", "参加者", "団員", "참가자", "대표단"),
    "host": ("host organisation", "site host", "受入", "受入先", "호스트"),
    "interpreter": ("interpreter", "interprete", "dolmetscher", "通訳", "통역"),
    "observer": ("observer", "observateur", "beobachter", "observador", "osservatore", "オブザーバー", "참관인"),
}
_ROLE = {fold(w): r for r, words in ROLE_WORDS.items() for w in words}

GENDER_WORDS = {
    "female": ("female", "f", "woman", "w", "femme", "feminin", "weiblich", "frau", "mujer", "femenino", "donna", "femmina", "女性", "女", "여성", "여"),
    "male": ("male", "m", "man", "homme", "masculin", "mannlich", "mann", "hombre", "masculino", "uomo", "maschio", "男性", "男", "남성", "남"),
    "non_binary": ("non-binary", "non binary", "nonbinary", "x", "divers", "non binaire", "no binario", "non binario"),
    "undisclosed": ("prefer not to say", "undisclosed", "n/a"),
}
_GENDER = {fold(w): g for g, words in GENDER_WORDS.items() for w in words}
YES = {fold(w) for w in ("yes", "y", "true", "1", "oui", "ja", "si", "sí", "はい", "要", "必要", "有", "예", "네", "x", "✓")}
NO = {fold(w) for w in ("no", "n", "false", "0", "non", "nein", "いいえ", "不要", "無", "아니오", "아니요", "-", "--")}


def status_value(text: str) -> str | None:
    return _STATUS.get(fold(text))


def role_value(text: str) -> str | None:
    return _ROLE.get(fold(text))


def gender_value(text: str) -> str | None:
    return _GENDER.get(fold(text))


def yes_no(text: object) -> bool | None:
    key = fold(str(text))
    return True if key in YES else False if key in NO else None

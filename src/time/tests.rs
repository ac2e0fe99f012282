//! Table-driven tests of recognition and values, and a measured run over the seed
//! articles against the shared gold (a floor, not an equality: no tuning to the seeds).

use super::*;
use crate::text::read_documents;

/// (name, text, dct, expected [(span text, type, value)]).
type Case = (
    &'static str,
    &'static str,
    Option<&'static str>,
    &'static [(&'static str, &'static str, Option<&'static str>)],
);

const D: &str = "DATE";
const DUR: &str = "DURATION";
const T: &str = "TIME";

const CASES: &[Case] = &[
    // Absolute dates, every month-name set.
    (
        "year-with-am-100",
        "استمر من عام 1910 إلى عام 1945.",
        None,
        &[("عام 1910", D, Some("1910")), ("عام 1945", D, Some("1945"))],
    ),
    (
        "year-typo-110",
        "إلى عام 19451. وأعرب",
        None,
        &[("عام 19451", D, None)],
    ),
    (
        "year-al-am-120",
        "منذ العام 2022.",
        None,
        &[("العام 2022", D, Some("2022"))],
    ),
    (
        "year-clitic-130",
        "وبعام 2000 وقع",
        None,
        &[("عام 2000", D, Some("2000"))],
    ),
    (
        "year-bare-after-prep-140",
        "منذ الغزو في 2022 وتحرك",
        None,
        &[("2022", D, Some("2022"))],
    ),
    (
        "year-bare-no-context-150",
        "قتل 1990 شخصا وأصيب 2000.",
        None,
        &[],
    ),
    (
        "year-count-not-year-160",
        "في 2000 دولار و88 مليون",
        None,
        &[],
    ),
    (
        "year-era-170",
        "ولد سنة 1950م في القاهرة",
        None,
        &[("سنة 1950م", D, Some("1950"))],
    ),
    (
        "year-hijri-180",
        "في عام 1436 هـ",
        None,
        &[("عام 1436 هـ", D, Some("2014/2015"))],
    ),
    (
        "year-coordinated-190",
        "بين عامي 2010 و2015",
        None,
        &[("عامي 2010", D, Some("2010")), ("2015", D, Some("2015"))],
    ),
    (
        "year-range-200",
        "حرب كوريا (1950-1953)، والتي",
        None,
        &[("1950-1953", D, Some("1950/1953"))],
    ),
    (
        "year-range-spaced-210",
        "الحرب 1950 – 1953 انتهت",
        None,
        &[("1950 – 1953", D, Some("1950/1953"))],
    ),
    (
        "month-year-egypt-300",
        "في يوليو 2000، عندما",
        None,
        &[("يوليو 2000", D, Some("2000-07"))],
    ),
    (
        "month-year-variant-310",
        "في يونيه 2019 وأغسطس 2020",
        None,
        &[
            ("يونيه 2019", D, Some("2019-06")),
            ("أغسطس 2020", D, Some("2020-08")),
        ],
    ),
    (
        "month-levant-320",
        "17 حزيران 2024",
        None,
        &[("17 حزيران 2024", D, Some("2024-06-17"))],
    ),
    (
        "month-levant-two-words-330",
        "في 3 كانون الثاني 2020 و5 تشرين الأول 2021",
        None,
        &[
            ("3 كانون الثاني 2020", D, Some("2020-01-03")),
            ("5 تشرين الأول 2021", D, Some("2021-10-05")),
        ],
    ),
    (
        "month-levant-ab-340",
        "في آب 2023 قال أب الضحية",
        None,
        &[("آب 2023", D, Some("2023-08"))],
    ),
    (
        "month-maghreb-350",
        "يوم 5 جويلية 1962 و في أفريل 2019",
        None,
        &[
            ("يوم 5 جويلية 1962", D, Some("1962-07-05")),
            ("أفريل 2019", D, Some("2019-04")),
        ],
    ),
    (
        "month-maghreb-juin-360",
        "في جوان 2024 ثم أوت 2024",
        None,
        &[
            ("جوان 2024", D, Some("2024-06")),
            ("أوت 2024", D, Some("2024-08")),
        ],
    ),
    (
        "month-doubled-370",
        "زار روسيا في أبريل/ نيسان عام 2019.",
        None,
        &[("أبريل/ نيسان عام 2019", D, Some("2019-04"))],
    ),
    (
        "month-doubled-paren-380",
        "في فبراير (شباط) 2022 بدأ",
        None,
        &[("فبراير (شباط) 2022", D, Some("2022-02"))],
    ),
    (
        "month-doubled-slash-390",
        "في 24 فبراير/شباط 2022",
        None,
        &[("24 فبراير/شباط 2022", D, Some("2022-02-24"))],
    ),
    (
        "day-month-dct-400",
        "قمة في 18 أغسطس في كامب ديفيد",
        Some("2023-08-15"),
        &[("18 أغسطس", D, Some("2022-08-18"))],
    ),
    (
        "day-month-future-410",
        "ومن المقرر أن يبحثوا في قمة في 18 أغسطس.",
        Some("2023-08-15"),
        &[("18 أغسطس", D, Some("2023-08-18"))],
    ),
    (
        "day-month-no-dct-420",
        "في 14 سبتمبر التقى",
        None,
        &[("14 سبتمبر", D, Some("XXXX-09-14"))],
    ),
    (
        "ordinal-day-430",
        "سقط في الثاني من يناير، هو",
        Some("2024-06-14"),
        &[("الثاني من يناير", D, Some("2024-01-02"))],
    ),
    (
        "ordinal-day-teen-440",
        "في الحادي عشر من سبتمبر 2001",
        None,
        &[("الحادي عشر من سبتمبر 2001", D, Some("2001-09-11"))],
    ),
    (
        "ordinal-day-twenties-450",
        "في الحادي والعشرين من مارس 2020",
        None,
        &[("الحادي والعشرين من مارس 2020", D, Some("2020-03-21"))],
    ),
    (
        "month-bare-after-prep-460",
        "منذ زيارة كيم في سبتمبر، حيث",
        Some("2024-06-17"),
        &[("سبتمبر", D, Some("2023-09"))],
    ),
    (
        "month-ambiguous-verb-470",
        "مارس الضغط على الحكومة",
        Some("2024-06-17"),
        &[],
    ),
    (
        "month-relative-480",
        "وفي مارس الماضي، منعت",
        Some("2024-06-14"),
        &[("مارس الماضي", D, Some("2024-03"))],
    ),
    (
        "month-relative-next-490",
        "في يناير المقبل",
        Some("2024-06-14"),
        &[("يناير المقبل", D, Some("2025-01"))],
    ),
    (
        "month-of-last-year-500",
        "وفي سبتمبر من العام الماضي، رحب",
        Some("2024-06-14"),
        &[("سبتمبر من العام الماضي", D, Some("2023-09"))],
    ),
    (
        "month-of-this-year-510",
        "في مايو من هذا العام",
        Some("2024-06-14"),
        &[("مايو من هذا العام", D, Some("2024-05"))],
    ),
    (
        "month-future-520",
        "ستعقد الانتخابات في سبتمبر",
        Some("2024-06-14"),
        &[("سبتمبر", D, Some("2024-09"))],
    ),
    (
        "shahr-ramadan-530",
        "في شهر يونيو الماضي",
        Some("2024-08-01"),
        &[("شهر يونيو الماضي", D, Some("2024-06"))],
    ),
    (
        "numeric-dmy-600",
        "14-9-2023 | 03:15",
        None,
        &[
            ("14-9-2023", D, Some("2023-09-14")),
            ("03:15", T, Some("2023-09-14T03:15")),
        ],
    ),
    (
        "numeric-ymd-610",
        "بتاريخ 2023/09/14 صدر",
        None,
        &[("2023/09/14", D, Some("2023-09-14"))],
    ),
    (
        "numeric-arabic-indic-620",
        "بتاريخ ١٤/٩/٢٠٢٣ صدر",
        None,
        &[("١٤/٩/٢٠٢٣", D, Some("2023-09-14"))],
    ),
    (
        "numeric-persian-630",
        "في ۱۴/۹/۲۰۲۳",
        None,
        &[("۱۴/۹/۲۰۲۳", D, Some("2023-09-14"))],
    ),
    (
        "numeric-dots-640",
        "في 14.9.2023",
        None,
        &[("14.9.2023", D, Some("2023-09-14"))],
    ),
    ("numeric-impossible-650", "النتيجة 31/2/2023 خطأ", None, &[]),
    (
        "english-dmy-660",
        "تاريخ النشر: 14th, June 2024 GMT",
        None,
        &[("14th, June 2024", D, Some("2024-06-14"))],
    ),
    (
        "english-mdy-670",
        "Published June 14, 2024",
        None,
        &[("June 14, 2024", D, Some("2024-06-14"))],
    ),
    (
        "arabic-indic-year-680",
        "في عام ١٩٤٨، اعترف",
        None,
        &[("عام ١٩٤٨", D, Some("1948"))],
    ),
    (
        "diacritics-tatweel-690",
        "في عَامِ 2000 وفي يـونـيـو 2001",
        None,
        &[
            ("عَامِ 2000", D, Some("2000")),
            ("يـونـيـو 2001", D, Some("2001-06")),
        ],
    ),
    // Decades and centuries.
    (
        "decade-700",
        "ساهم الانهيار في التسعينيات في حدوث",
        None,
        &[("التسعينيات", D, Some("199"))],
    ),
    (
        "decade-variant-710",
        "منذ الثمانينات",
        None,
        &[("الثمانينات", D, Some("198"))],
    ),
    (
        "decade-of-century-720",
        "في تسعينيات القرن الماضي",
        Some("2024-06-14"),
        &[("تسعينيات القرن الماضي", D, Some("199"))],
    ),
    (
        "century-relative-730",
        "في القرن الماضي”.",
        Some("2024-06-19"),
        &[("القرن الماضي", D, Some("19"))],
    ),
    (
        "century-ordinal-740",
        "في القرن العشرين والقرن الحادي والعشرين",
        None,
        &[
            ("القرن العشرين", D, Some("19")),
            ("القرن الحادي والعشرين", D, Some("20")),
        ],
    ),
    (
        "century-number-750",
        "في القرن الـ21 والقرن التاسع عشر",
        None,
        &[
            ("القرن الـ21", D, Some("20")),
            ("القرن التاسع عشر", D, Some("18")),
        ],
    ),
    // Relative expressions.
    (
        "today-800",
        "وقع الزعيمان اليوم ، اتفاقية",
        Some("2024-06-19"),
        &[("اليوم", D, Some("2024-06-19"))],
    ),
    (
        "today-clitic-810",
        "واليوم تم إعداد وثيقة",
        Some("2024-06-19"),
        &[("اليوم", D, Some("2024-06-19"))],
    ),
    (
        "today-weekday-820",
        "رسائل تهنئة اليوم الثلاثاء، بمناسبة",
        Some("2023-08-15"),
        &[("اليوم الثلاثاء", D, Some("2023-08-15"))],
    ),
    (
        "today-generic-830",
        "من الاتحاد السوفيتي إلى اليوم",
        Some("2024-06-17"),
        &[("اليوم", D, Some("PRESENT_REF"))],
    ),
    (
        "today-anaphoric-840",
        "في اليوم التالي وفي اليوم الوطني وصحيفة اليوم السابع",
        Some("2024-06-17"),
        &[],
    ),
    (
        "yesterday-850",
        "قال أمس إن",
        Some("2024-06-17"),
        &[("أمس", D, Some("2024-06-16"))],
    ),
    (
        "day-before-yesterday-860",
        "وصل أول أمس وغادر غداً",
        Some("2024-06-17"),
        &[
            ("أول أمس", D, Some("2024-06-15")),
            ("غداً", D, Some("2024-06-18")),
        ],
    ),
    ("no-dct-870", "قال أمس إن", None, &[("أمس", D, None)]),
    (
        "now-880",
        "تجني الآن فوائد",
        Some("2024-06-14"),
        &[("الآن", D, Some("PRESENT_REF"))],
    ),
    (
        "week-next-900",
        "كيم جونغ أون، الأسبوع المقبل.",
        Some("2024-06-14"),
        &[("الأسبوع المقبل", D, Some("2024-W25"))],
    ),
    (
        "week-this-910",
        "بوتين يزور كوريا الشمالية هذا الأسبوع: أول",
        Some("2024-06-17"),
        &[("هذا الأسبوع", D, Some("2024-W25"))],
    ),
    (
        "week-last-920",
        "بعد قمة الأسبوع الماضي التى",
        Some("2023-09-19"),
        &[("الأسبوع الماضي", D, Some("2023-W37"))],
    ),
    (
        "week-current-930",
        "خلال الأسبوع الجاري",
        Some("2023-09-19"),
        &[("الأسبوع الجاري", D, Some("2023-W38"))],
    ),
    (
        "month-last-940",
        "وفي الشهر الماضي، وقف",
        Some("2023-08-15"),
        &[("الشهر الماضي", D, Some("2023-07"))],
    ),
    (
        "month-next-january-950",
        "الشهر المقبل",
        Some("2023-12-15"),
        &[("الشهر المقبل", D, Some("2024-01"))],
    ),
    (
        "year-relative-960",
        "العام الماضي والعام المقبل والسنة الحالية",
        Some("2024-06-14"),
        &[
            ("العام الماضي", D, Some("2023")),
            ("العام المقبل", D, Some("2025")),
            ("السنة الحالية", D, Some("2024")),
        ],
    ),
    (
        "ago-970",
        "وصل قبل 3 أيام",
        Some("2024-06-14"),
        &[("3 أيام", D, Some("2024-06-11"))],
    ),
    (
        "in-two-weeks-980",
        "سيعود بعد أسبوعين",
        Some("2024-06-14"),
        &[("أسبوعين", D, Some("2024-W26"))],
    ),
    (
        "since-two-years-990",
        "يعيش هنا منذ عامين",
        Some("2024-06-14"),
        &[("عامين", DUR, Some("P2Y"))],
    ),
    (
        "after-anchored-1000",
        "بعد تسعة أشهر على استقبال",
        Some("2024-06-19"),
        &[("تسعة أشهر", DUR, Some("P9M"))],
    ),
    (
        "weekday-past-1010",
        "والولايات المتحدة، الجمعة، من أن",
        Some("2024-06-14"),
        &[("الجمعة", D, Some("2024-06-14"))],
    ),
    (
        "weekday-future-1020",
        "سيزور الرئيس كوريا يوم الثلاثاء في زيارة",
        Some("2024-06-17"),
        &[("يوم الثلاثاء", D, Some("2024-06-18"))],
    ),
    (
        "weekday-coordinated-1030",
        "سيقوم بزيارة يومي الثلاثاء والأربعاء بدعوة",
        Some("2024-06-17"),
        &[
            ("يومي الثلاثاء", D, Some("2024-06-18")),
            ("الأربعاء", D, Some("2024-06-19")),
        ],
    ),
    (
        "weekday-past-default-1040",
        "التقى الوزيران يوم الثلاثاء",
        Some("2024-06-17"),
        &[("يوم الثلاثاء", D, Some("2024-06-11"))],
    ),
    (
        "weekday-dir-1050",
        "الأحد الماضي والخميس المقبل",
        Some("2024-06-16"),
        &[
            ("الأحد الماضي", D, Some("2024-06-09")),
            ("الخميس المقبل", D, Some("2024-06-20")),
        ],
    ),
    (
        "weekday-ambiguous-1060",
        "اتفق الاثنين على أن الأحد عشر لاعبا",
        Some("2024-06-16"),
        &[],
    ),
    (
        "part-of-day-1070",
        "مساء الأحد وصباح اليوم",
        Some("2024-06-17"),
        &[
            ("مساء الأحد", T, Some("2024-06-16TEV")),
            ("صباح اليوم", T, Some("2024-06-17TMO")),
        ],
    ),
    (
        "clock-1080",
        "في الساعة 3:15 والعاشرة مساء",
        Some("2023-09-14"),
        &[
            ("الساعة 3:15", T, Some("2023-09-14T03:15")),
            ("العاشرة مساء", T, Some("2023-09-14T22:00")),
        ],
    ),
    (
        "clock-half-1090",
        "الساعة العاشرة والنصف صباحا",
        Some("2023-09-14"),
        &[("الساعة العاشرة والنصف صباحا", T, Some("2023-09-14T10:30"))],
    ),
    (
        "score-not-clock-1100",
        "فاز الفريق 3:15 ثم",
        Some("2023-09-14"),
        &[],
    ),
    // Durations.
    (
        "duration-years-1200",
        "الأولى منذ 24 عاماً ،وقع",
        None,
        &[("24 عاماً", DUR, Some("P24Y"))],
    ),
    (
        "duration-tanween-1210",
        "منذ 24 عامًا، كما",
        None,
        &[("24 عامًا", DUR, Some("P24Y"))],
    ),
    (
        "duration-words-1220",
        "بعد تسعة أشهر على",
        None,
        &[("تسعة أشهر", DUR, Some("P9M"))],
    ),
    (
        "duration-dual-1230",
        "استمرت نحو ساعتين. زيارة تستغرق يومين،",
        None,
        &[("ساعتين", DUR, Some("PT2H")), ("يومين", DUR, Some("P2D"))],
    ),
    (
        "duration-compound-1240",
        "خلال خمسة وعشرين عاما وثلاثة عشر يوما",
        None,
        &[
            ("خمسة وعشرين عاما", DUR, Some("P25Y")),
            ("ثلاثة عشر يوما", DUR, Some("P13D")),
        ],
    ),
    (
        "duration-vague-1250",
        "على المساعدات لعقود من الزمن، وترتبطان منذ عقود عدة",
        None,
        &[
            ("عقود من الزمن", DUR, Some("PXDE")),
            ("عقود عدة", DUR, Some("PXDE")),
        ],
    ),
    (
        "duration-vague-plural-1260",
        "بعد شهور من انتخابه وعدة أيام",
        None,
        &[("شهور", DUR, Some("PXM")), ("عدة أيام", DUR, Some("PXD"))],
    ),
    (
        "duration-recent-1270",
        "في السنوات الأخيرة.",
        None,
        &[("السنوات الأخيرة", DUR, Some("PXY"))],
    ),
    (
        "duration-recent-count-1280",
        "خلال الأيام الثلاثة الماضية",
        None,
        &[("الأيام الثلاثة الماضية", DUR, Some("P3D"))],
    ),
    (
        "duration-construct-not-1290",
        "في الأيام الأولى من الحرب وأيام الحرب",
        None,
        &[],
    ),
    (
        "duration-decimal-1300",
        "لمدة 1.5 ساعة",
        None,
        &[("1.5 ساعة", DUR, Some("PT1.5H"))],
    ),
    (
        "duration-persian-digits-1310",
        "منذ ۲۴ سنة",
        None,
        &[("۲۴ سنة", DUR, Some("P24Y"))],
    ),
    (
        "duration-definite-count-1320",
        "طوال الخمسة عشر يوما وخلال الثلاث سنوات الماضية",
        None,
        &[
            ("الخمسة عشر يوما", DUR, Some("P15D")),
            ("الثلاث سنوات الماضية", DUR, Some("P3Y")),
        ],
    ),
    (
        "distance-not-shift-1330",
        "على بعد خمس دقائق وبعد تسع دقائق",
        Some("2024-06-14"),
        &[
            ("خمس دقائق", DUR, Some("PT5M")),
            ("تسع دقائق", DUR, Some("PT9M")),
        ],
    ),
    // Found in unseen news (ANERcorp) while developing.
    (
        "that-day-1500",
        "قبل غروب الشمس في ذلك اليوم .",
        Some("2007-05-15"),
        &[],
    ),
    ("alain-1510", "قال آلان جوبيه إن", Some("2007-05-15"), &[]),
    (
        "hijri-score-1520",
        "فاز الفريق 1 صفر على ضيفه",
        Some("2007-05-15"),
        &[],
    ),
    (
        "hijri-full-1530",
        "في 25 ذي الحجة 634 هـ",
        None,
        &[("25 ذي الحجة 634 هـ", D, Some("1237-08-26"))],
    ),
    // Umm al-Qura: 1 Ramadan 1436 was 18 June 2015, 1 Shawwal 1445 was 10 April 2024.
    (
        "hijri-date-line-1531",
        "الأحد 12 رمضان 1436 هـ",
        None,
        &[("الأحد 12 رمضان 1436 هـ", D, Some("2015-06-29"))],
    ),
    (
        "hijri-month-interval-1532",
        "خلال شهر شوال 1445 هـ",
        None,
        &[("شهر شوال 1445 هـ", D, Some("2024-04-10/2024-05-08"))],
    ),
    (
        "hijri-numeric-1533",
        "صدر في ١٤٣٦/١٠/٢٥هـ قرار",
        None,
        &[("١٤٣٦/١٠/٢٥هـ", D, Some("2015-08-10"))],
    ),
    (
        "bc-1540",
        "منذ عام 500 ق.م. حضارة",
        None,
        &[("عام 500 ق.م.", D, None)],
    ),
    (
        "day-month-current-1550",
        "ابتداء من 18 يوليوز الجاري",
        Some("2007-05-15"),
        &[("18 يوليوز الجاري", D, Some("2007-07-18"))],
    ),
    (
        "day-of-relative-month-1560",
        "في السادس والعشرين من الشهر الجاري",
        Some("2007-05-15"),
        &[("السادس والعشرين من الشهر الجاري", D, Some("2007-05-26"))],
    ),
    (
        "part-weekday-dir-1570",
        "صباح يوم الثلاثاء الماضي وفي",
        Some("2007-05-17"),
        &[("صباح يوم الثلاثاء الماضي", T, Some("2007-05-15TMO"))],
    ),
    (
        "dynasty-range-1580",
        "أسرة مينغ 1368 - 1644م",
        None,
        &[("1368 - 1644", D, Some("1368/1644"))],
    ),
    // Things that are not time expressions.
    (
        "not-general-1400",
        "الإشراف العام ورئيس عام للتحرير والرأي العام",
        None,
        &[],
    ),
    ("not-number-1410", "بلغ عدد السكان 88 مليون نسمة", None, &[]),
];

fn run(text: &str, dct: Option<&str>) -> Vec<(String, &'static str, Option<String>)> {
    let docs = read_documents(&[text]);
    let doc = &docs[0];
    find_timexes(doc, dct.and_then(Date::parse))
        .into_iter()
        .map(|t| (doc.slice(t.span).to_string(), t.kind.as_str(), t.value))
        .collect()
}

#[test]
fn table() {
    let mut failures = Vec::new();
    for (name, text, dct, expected) in CASES {
        let got = run(text, *dct);
        let want: Vec<(String, &str, Option<String>)> = expected
            .iter()
            .map(|(s, k, v)| (s.to_string(), *k, v.map(str::to_string)))
            .collect();
        if got != want {
            failures.push(format!(
                "{name}: {text:?}\n   want {want:?}\n    got {got:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

#[test]
fn results_are_sorted_and_disjoint() {
    for (_, text, dct, _) in CASES {
        let docs = read_documents(&[text]);
        let found = find_timexes(&docs[0], dct.and_then(Date::parse));
        for w in found.windows(2) {
            assert!(w[0].span.end <= w[1].span.start, "{text}");
        }
    }
}

#[test]
fn hostile_input_does_not_panic() {
    let long = "عام ".repeat(2000) + &"9".repeat(40);
    let relative = "العام الماضي والعام المقبل ومارس الماضي ويناير المقبل وفي سبتمبر وسيزور في 31 ديسمبر الأسبوع المقبل غدا القرن الماضي وقبل 3 أعوام";
    let texts = [
        "",
        "عام",
        "عام 99999999999999999999",
        "١٤/٩/",
        "الساعة 99:99",
        "الساعة 0 إلا ربعا",
        "القرن الـ",
        "في 0/0/0000",
        "الذكرى الـ999999999 اليوم",
        relative,
        long.as_str(),
    ];
    let extremes = [
        Date::parse("2024-06-14"),
        Some(Date {
            year: i32::MAX,
            month: 12,
            day: 31,
        }),
        Some(Date {
            year: i32::MIN,
            month: 1,
            day: 1,
        }),
        None,
    ];
    for text in texts {
        let docs = read_documents(&[text]);
        for dct in extremes {
            let _ = find_timexes(&docs[0], dct);
        }
        let _ = stated_publication_date(&docs[0]);
        let _ = inferred_publication_date(&docs[0]);
    }
}

#[test]
fn publication_dates() {
    let cases: &[(&str, &str, Option<&str>, Option<&str>)] = &[
        (
            "date-line-label",
            "عنوان الخبر\nتاريخ النشر: 14th, June 2024 GMT\nقال مسؤولون إن",
            Some("2024-06-14"),
            None,
        ),
        (
            "date-line-alone",
            "عنوان\n\nأخبار\n\n17 حزيران 2024\n\nسيزور الرئيس",
            Some("2024-06-17"),
            None,
        ),
        (
            "date-line-numeric",
            "عنوان\n14-9-2023 | 03:15\nنص الخبر",
            Some("2023-09-14"),
            None,
        ),
        (
            "date-line-hijri",
            "عنوان الخبر\nالأحد 12 رمضان 1436 هـ\nقال الوزير إن الاجتماع انتهى.",
            Some("2015-06-29"),
            None,
        ),
        (
            "date-line-weekday",
            "عنوان\nنشر في: الأحد 16 يونيو 2024\nنص",
            Some("2024-06-16"),
            None,
        ),
        (
            "date-in-body-is-not-a-date-line",
            "عنوان\nوقعت الحرب في 25 يونيو 1950 بين الكوريتين بعد سنوات من التوتر.",
            None,
            None,
        ),
        (
            "today-with-date",
            "عنوان\nتبادل الزعيمان رسائل اليوم الثلاثاء 15 أغسطس 2023 بمناسبة العيد.",
            None,
            Some("2023-08-15"),
        ),
        (
            "yesterday-with-date",
            "عنوان\nقال الوزير أمس، 14 يونيو 2024، إن",
            None,
            Some("2024-06-15"),
        ),
        (
            "anniversary",
            "عنوان\nاحتفلت البلاد اليوم الثلاثاء بالذكرى الـ78 للتحرير في 15 أغسطس 1945.",
            None,
            Some("2023-08-15"),
        ),
        (
            "anniversary-wrong-weekday",
            "عنوان\nاحتفلت البلاد اليوم الأحد، بالذكرى الـ78 للتحرير في 15 أغسطس 1945.",
            None,
            None,
        ),
        (
            "no-evidence",
            "عنوان\nتبادل الزعيمان رسائل اليوم الثلاثاء بمناسبة الذكرى الـ78 للتحرير عام 1945.",
            None,
            None,
        ),
    ];
    for (name, text, stated, inferred) in cases {
        let docs = read_documents(&[text]);
        assert_eq!(
            stated_publication_date(&docs[0])
                .map(|d| d.iso())
                .as_deref(),
            *stated,
            "{name} (stated)"
        );
        assert_eq!(
            inferred_publication_date(&docs[0])
                .map(|d| d.iso())
                .as_deref(),
            *inferred,
            "{name} (inferred)"
        );
    }
}

// ------------------------------------------------------------------ seeds vs gold

const SEEDS: [(&str, &str, &str); 5] = [
    (
        "000_455e866ecfe86488.txt",
        include_str!("../../seeds/000_455e866ecfe86488.txt"),
        include_str!("../../../shared/gold/000_455e866ecfe86488.txt.json"),
    ),
    (
        "001_3540197b04e75627.txt",
        include_str!("../../seeds/001_3540197b04e75627.txt"),
        include_str!("../../../shared/gold/001_3540197b04e75627.txt.json"),
    ),
    (
        "002_de4acbd561a5e82b.txt",
        include_str!("../../seeds/002_de4acbd561a5e82b.txt"),
        include_str!("../../../shared/gold/002_de4acbd561a5e82b.txt.json"),
    ),
    (
        "003_200b346811d81592.txt",
        include_str!("../../seeds/003_200b346811d81592.txt"),
        include_str!("../../../shared/gold/003_200b346811d81592.txt.json"),
    ),
    (
        "004_be68ca890cbf5680.txt",
        include_str!("../../seeds/004_be68ca890cbf5680.txt"),
        include_str!("../../../shared/gold/004_be68ca890cbf5680.txt.json"),
    ),
];

/// Scores the way `shared/eval/score.py` does: a gold timex is found by the system timex
/// that overlaps it most; its value is right when equal to the gold value (or its
/// corrected value, when the gold value is null).
#[test]
fn seeds_against_gold() {
    let (mut n_gold, mut n_sys, mut overlap, mut exact, mut right) =
        (0usize, 0usize, 0usize, 0usize, 0usize);
    for (name, text, gold) in SEEDS {
        let gold: serde_json::Value = serde_json::from_str(gold).expect("gold parses");
        let dct = gold["dct"]["value"].as_str().and_then(Date::parse);
        let docs = read_documents(&[text]);
        let doc = &docs[0];
        let scalar = |b: usize| text.get(..b).map_or(0, |s| s.chars().count());
        let bp: Vec<(u64, u64)> = gold["boilerplate"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|b| {
                        (
                            b["start"].as_u64().unwrap_or(0),
                            b["end"].as_u64().unwrap_or(0),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        let inside = |s: u64, e: u64| bp.iter().any(|(bs, be)| *bs <= s && e <= *be);
        let sys: Vec<(u64, u64, String, Option<String>)> = find_timexes(doc, dct)
            .into_iter()
            .map(|t| {
                (
                    scalar(t.span.start) as u64,
                    scalar(t.span.end) as u64,
                    doc.slice(t.span).to_string(),
                    t.value,
                )
            })
            .filter(|t| !inside(t.0, t.1))
            .collect();
        let golds: Vec<&serde_json::Value> = gold["timexes"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter(|t| {
                        !inside(
                            t["start"].as_u64().unwrap_or(0),
                            t["end"].as_u64().unwrap_or(0),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        let mut used = vec![false; sys.len()];
        let (mut o, mut x, mut r) = (0, 0, 0);
        for g in &golds {
            let (gs, ge) = (
                g["start"].as_u64().unwrap_or(0),
                g["end"].as_u64().unwrap_or(0),
            );
            let best = sys
                .iter()
                .enumerate()
                .filter(|(i, s)| !used[*i] && s.0.max(gs) < s.1.min(ge))
                .max_by_key(|(_, s)| s.1.min(ge) - s.0.max(gs))
                .map(|(i, _)| i);
            let Some(i) = best else {
                println!("  {name} MISSED {:?} {:?}", g["text"], g["value"]);
                continue;
            };
            used[i] = true;
            o += 1;
            let s = &sys[i];
            x += usize::from((s.0, s.1) == (gs, ge));
            let ok = s.3.as_deref() == g["value"].as_str()
                || (s.3.is_some() && s.3.as_deref() == g["corrected_value"].as_str());
            r += usize::from(ok);
            if !ok || (s.0, s.1) != (gs, ge) {
                println!(
                    "  {name} WRONG {:?} {:?} vs gold {:?} {:?}",
                    s.2, s.3, g["text"], g["value"]
                );
            }
        }
        for (i, s) in sys.iter().enumerate().filter(|(i, _)| !used[*i]) {
            let _ = i;
            println!("  {name} SPURIOUS {:?} {:?}", s.2, s.3);
        }
        println!(
            "{name}: gold {} sys {} overlap {o} exact {x} value {r}",
            golds.len(),
            sys.len()
        );
        n_gold += golds.len();
        n_sys += sys.len();
        overlap += o;
        exact += x;
        right += r;
    }
    let f1 = |tp: usize| {
        let (p, r) = (
            tp as f64 / n_sys.max(1) as f64,
            tp as f64 / n_gold.max(1) as f64,
        );
        (
            p,
            r,
            if p + r > 0.0 {
                2.0 * p * r / (p + r)
            } else {
                0.0
            },
        )
    };
    let (op, or, of) = f1(overlap);
    let (ep, er, ef) = f1(exact);
    let (vp, vr, vf) = f1(right);
    println!("overlap P {op:.3} R {or:.3} F1 {of:.3}; exact P {ep:.3} R {er:.3} F1 {ef:.3}; value P {vp:.3} R {vr:.3} F1 {vf:.3}");
    println!(
        "value accuracy on matched: {:.3}",
        right as f64 / overlap.max(1) as f64
    );
    // Measured 1.000 on the five seeds with their gold dct; the floor leaves room for
    // changes that help unseen text at the cost of one seed expression.
    assert!(vf >= 0.95, "value F1 {vf:.3} fell below the floor of 0.95");
}

#[test]
fn seeds_publication_dates() {
    for (name, text, _) in SEEDS {
        let docs = read_documents(&[text]);
        println!(
            "{name}: stated {:?} inferred {:?}",
            stated_publication_date(&docs[0]).map(|d| d.iso()),
            inferred_publication_date(&docs[0]).map(|d| d.iso())
        );
    }
}

/// Developer aid: `MIRSAD_TIME_DUMP=file.jsonl cargo test --lib time::tests::dump -- --ignored --nocapture`
/// prints every expression found in the `text` fields of a JSON-lines file.
#[test]
#[ignore]
fn dump() {
    let Ok(path) = std::env::var("MIRSAD_TIME_DUMP") else {
        return;
    };
    let src = std::fs::read_to_string(path).unwrap_or_default();
    let lines: Vec<String> = src
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_string))
        .collect();
    for chunk in lines.chunks(200) {
        let text = chunk.join("\n");
        let docs = read_documents(&[text.as_str()]);
        let doc = &docs[0];
        for t in find_timexes(doc, Date::parse("2007-05-15")) {
            let a = text.get(..t.span.start).map_or("", |s| {
                let n = s.chars().count().saturating_sub(25);
                s.char_indices().nth(n).map_or(s, |(b, _)| &s[b..])
            });
            let z: String = text
                .get(t.span.end..)
                .unwrap_or("")
                .chars()
                .take(20)
                .collect();
            println!(
                "{}\t{:?}\t[{}]\t{}|{}",
                t.kind.as_str(),
                t.value,
                doc.slice(t.span),
                a.replace('\n', " "),
                z.replace('\n', " ")
            );
        }
    }
}

#[test]
fn elapsed_durations_point_back_from_the_publication_date() {
    let dct = Date::new(2024, 6, 19).unwrap();
    let cases = [
        ("وتأتي الزيارة بعد تسعة أشهر على استقبال بوتين زعيم كوريا الشمالية.", Some("2023-09")),
        ("في زيارة هي الأولى منذ 24 عاماً، وقع الرئيسان اتفاقية.", Some("2000")),
        // A duration that does not point back: how long the talks lasted.
        ("وقال إن المحادثات استمرت نحو ساعتين.", None),
        ("وسيعود بعد تسعة أشهر.", None),
    ];
    for (text, want) in cases {
        let docs = read_documents(&[text]);
        let got: Vec<Period> = recognize_timexes(&docs[0]).elapsed_periods(dct).into_iter().map(|(_, p)| p).collect();
        assert_eq!(got, want.and_then(Period::of).into_iter().collect::<Vec<_>>(), "{text}");
    }
}

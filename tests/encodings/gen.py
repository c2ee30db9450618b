#!/usr/bin/env python3
"""Writes the encoding corpus that tests/encodings/run.sh feeds to decant.

usage: python3 tests/encodings/gen.py OUTDIR

One short news article per language, written for this corpus, saved in
every encoding below that can carry it, and in UTF-8 as the reference.  For
each encoding the pages: the charset declared right (a <meta charset>, or
for UTF-16, which a meta cannot declare, the Content-Type), declared wrong
(a charset of another family; and, for the legacy charsets, UTF-8), and not
declared; UTF-16 each with and without a byte-order mark.  Standard library
only.  Writes OUTDIR/cases.tsv: file, extra decant arguments (the
Content-Type, or "-"), the reference file.
"""
import os
import sys
import unicodedata

OUT = sys.argv[1]

ARTICLES = {
    "fr": ("Le marché couvert rouvre ses portes",
           ["Après dix-huit mois de travaux, le marché couvert de la place Saint-Éloi a "
            "rouvert ses portes samedi matin. Les habitants se sont pressés dès l'aube "
            "devant les étals, où l'on trouve désormais une poissonnerie, une fromagerie "
            "et un café.",
            "La rénovation a coûté 4,2 millions d'euros, soit 300 000 € de plus que prévu. "
            "Le maire reconnaît un dépassement mais souligne que la charpente d'origine, "
            "classée, a été entièrement conservée.",
            "« C'est un cœur qui bat de nouveau », s'est réjouie une commerçante installée "
            "ici depuis vingt-cinq ans. Le marché sera ouvert du mardi au dimanche."]),
    "es": ("El mercado central reabre sus puertas",
           ["Después de dieciocho meses de obras, el mercado central de la plaza de España "
            "reabrió sus puertas el sábado por la mañana. Los vecinos hicieron cola desde "
            "primera hora ante los puestos de pescado, queso y verdura.",
            "La reforma costó cuatro millones, trescientos mil más de lo previsto. El alcalde "
            "reconoce el desvío, pero subraya que la cubierta original, protegida, se ha "
            "conservado íntegra.",
            "«Es un corazón que vuelve a latir», dijo una comerciante que trabaja aquí desde "
            "hace veinticinco años. El mercado abrirá de martes a domingo."]),
    "cs": ("Tramvajová trať na Žižkov bude hotová v září",
           ["Dopravní podnik oznámil, že rekonstrukce tramvajové tratě na Žižkov skončí "
            "v září, o dva měsíce dříve, než se čekalo. Dělníci už položili většinu "
            "kolejí a nyní pracují na zastávkách.",
            "Cestující se musí ještě několik týdnů smířit s náhradní autobusovou dopravou. "
            "Podle mluvčího podniku jezdí autobusy každých pět minut a ve špičce ještě "
            "častěji.",
            "Obyvatelé čtvrti si stěžují především na hluk v nočních hodinách. Radnice "
            "slíbila, že noční práce omezí na nejnutnější minimum."]),
    "pl": ("Nowy most na Wiśle otwarty dla pieszych",
           ["Po dwóch latach budowy nowy most pieszo-rowerowy na Wiśle został w sobotę "
            "otwarty. Już w pierwszych godzinach przeszło po nim kilka tysięcy osób, "
            "a rowerzyści ustawiali się w długiej kolejce.",
            "Konstrukcja ma czterysta metrów długości i łączy dwie dzielnice, które dotąd "
            "dzieliło dwadzieścia minut jazdy samochodem. Koszt inwestycji wyniósł "
            "dziewięćdziesiąt milionów złotych.",
            "Mieszkańcy chwalą widok na starówkę, ale narzekają na brak ławek. Urzędnicy "
            "zapowiadają, że pojawią się one jeszcze przed wakacjami."]),
    "ru": ("В городе открылась новая библиотека",
           ["В субботу в центре города после долгого ремонта открылась новая библиотека. "
            "Читатели с утра выстроились в очередь у входа, чтобы первыми увидеть "
            "обновлённые залы и записаться на абонемент.",
            "Ремонт продолжался почти два года и обошёлся городу в сорок миллионов рублей. "
            "В здании появились читальный зал на сто мест, детская комната и небольшое кафе.",
            "Директор библиотеки рассказала, что фонд пополнился пятью тысячами новых книг, "
            "а по выходным здесь будут проходить встречи с писателями."]),
    "uk": ("У місті відкрили нову бібліотеку",
           ["У суботу в центрі міста після тривалого ремонту відкрили нову бібліотеку. "
            "Читачі з самого ранку стояли в черзі біля входу, щоб першими побачити "
            "оновлені зали та отримати читацький квиток.",
            "Ремонт тривав майже два роки й коштував місту сорок мільйонів гривень. "
            "У будівлі з'явилися читальна зала на сто місць, дитяча кімната та невелика "
            "кав'ярня, де можна їсти ґрунтовні сніданки.",
            "Директорка бібліотеки розповіла, що фонд поповнився п'ятьма тисячами нових "
            "книжок, а щосуботи тут відбуватимуться зустрічі з письменниками."]),
    "el": ("Άνοιξε ξανά η δημοτική αγορά",
           ["Μετά από δεκαοκτώ μήνες εργασιών, η δημοτική αγορά της πόλης άνοιξε ξανά το "
            "Σάββατο το πρωί. Οι κάτοικοι συγκεντρώθηκαν από νωρίς μπροστά στους πάγκους "
            "με τα φρέσκα ψάρια, τα τυριά και τα λαχανικά.",
            "Η ανακαίνιση κόστισε τέσσερα εκατομμύρια ευρώ, περισσότερα από όσα είχαν "
            "προβλεφθεί. Ο δήμαρχος παραδέχθηκε την υπέρβαση, αλλά τόνισε ότι η αρχική "
            "στέγη διατηρήθηκε ολόκληρη.",
            "Μια έμπορος που εργάζεται εδώ είκοσι πέντε χρόνια είπε ότι η αγορά ξαναβρήκε "
            "τη ζωή της. Θα είναι ανοιχτή από την Τρίτη έως την Κυριακή."]),
    "tr": ("Kapalı çarşı yeniden açıldı",
           ["On sekiz aylık çalışmanın ardından şehrin kapalı çarşısı cumartesi sabahı "
            "yeniden açıldı. Mahalle sakinleri erken saatlerden itibaren balıkçıların, "
            "peynircilerin ve manavların önünde sıraya girdi.",
            "Yenileme çalışmaları dört milyon liraya mal oldu ve öngörülen bütçeyi aştı. "
            "Belediye başkanı aşımı kabul etti ancak özgün çatının tamamen korunduğunu "
            "vurguladı.",
            "Yirmi beş yıldır burada çalışan bir esnaf, çarşının yeniden hayat bulduğunu "
            "söyledi. Çarşı salıdan pazara kadar her gün açık olacak."]),
    "he": ("השוק המקורה נפתח מחדש",
           ["אחרי שמונה עשר חודשי עבודה, השוק המקורה של העיר נפתח מחדש ביום שבת בבוקר. "
            "התושבים הגיעו כבר בשעות המוקדמות אל הדוכנים של הדגים, הגבינות והירקות.",
            "השיפוץ עלה ארבעה מיליון שקלים, יותר ממה שתוכנן. ראש העיר הודה בחריגה, אבל "
            "הדגיש שהגג המקורי נשמר כולו.",
            "סוחרת שעובדת כאן עשרים וחמש שנה אמרה שהשוק חזר לחיים. הוא יהיה פתוח מיום "
            "שלישי עד יום ראשון."]),
    "ar": ("إعادة افتتاح السوق المغطى",
           ["بعد ثمانية عشر شهرا من الأعمال، أعيد افتتاح السوق المغطى في المدينة صباح يوم "
            "السبت. وتوافد السكان منذ الساعات الأولى على أكشاك السمك والجبن والخضار.",
            "وبلغت تكلفة الترميم أربعة ملايين، وهو أكثر مما كان مقررا. واعترف رئيس البلدية "
            "بتجاوز الميزانية، لكنه أكد أن السقف الأصلي حفظ بالكامل.",
            "وقالت تاجرة تعمل هنا منذ خمس وعشرين سنة إن السوق عاد إلى الحياة. وسيفتح أبوابه "
            "من الثلاثاء إلى الأحد."]),
    "lt": ("Senamiestyje atidarytas naujas tiltas",
           ["Po dvejų metų statybų šeštadienį senamiestyje atidarytas naujas pėsčiųjų ir "
            "dviračių tiltas. Jau pirmosiomis valandomis juo perėjo keli tūkstančiai "
            "žmonių, o dviratininkai rikiavosi ilgoje eilėje.",
            "Tilto ilgis siekia keturis šimtus metrų, jis sujungia du rajonus, kuriuos iki "
            "šiol skyrė dvidešimt minučių kelio automobiliu.",
            "Gyventojai giria vaizdą į senamiestį, tačiau skundžiasi, kad trūksta suolų. "
            "Valdininkai žada, kad jų atsiras dar prieš vasarą."]),
    "vi": ("Khu chợ trung tâm mở cửa trở lại",
           ["Sau mười tám tháng sửa chữa, khu chợ trung tâm của thành phố đã mở cửa trở lại "
            "vào sáng thứ bảy. Người dân kéo đến từ sáng sớm trước các sạp cá, pho mát và "
            "rau củ.",
            "Chi phí cải tạo lên tới bốn triệu đô la, cao hơn dự kiến. Ông thị trưởng thừa "
            "nhận vượt ngân sách nhưng nhấn mạnh rằng mái nhà nguyên bản được giữ lại hoàn "
            "toàn.",
            "Một người bán hàng làm việc ở đây hai mươi lăm năm nói rằng khu chợ đã sống lại. "
            "Chợ sẽ mở cửa từ thứ ba đến chủ nhật."]),
    "zh-Hans": ("市中心图书馆重新开放",
                ["经过两年的整修，市中心图书馆于周六上午重新开放。市民一早就在门口排起长队，"
                 "希望第一时间参观焕然一新的阅览室，办理借书证。",
                 "整修工程耗资四千万元，新增了一个可容纳一百人的阅览室、一间儿童活动室和一家小咖啡馆。"
                 "馆长介绍说，馆藏新增了五千册图书。",
                 "今后每逢周末，图书馆还将举办作家见面会和读书分享活动，欢迎市民参加。"]),
    "zh-Hant": ("市中心圖書館重新開放",
                ["經過兩年的整修，市中心圖書館於週六上午重新開放。市民一早就在門口排起長隊，"
                 "希望第一時間參觀煥然一新的閱覽室，辦理借書證。",
                 "整修工程耗資四千萬元，新增了一個可容納一百人的閱覽室、一間兒童活動室和一家小咖啡館。"
                 "館長介紹說，館藏新增了五千冊圖書。",
                 "今後每逢週末，圖書館還將舉辦作家見面會和讀書分享活動，歡迎市民參加。"]),
    "ja": ("市立図書館が改装を終えて再開",
           ["二年間の改装工事を終えた市立図書館が、土曜日の朝に再び開館した。開館前から入口には"
            "長い列ができ、新しくなった閲覧室を一番に見ようと多くの市民が集まった。",
            "工事費は約四億円で、百席の閲覧室と子ども向けの部屋、小さなカフェが新たに設けられた。"
            "館長によると、蔵書も五千冊増えたという。",
            "今後は毎週末、作家を招いた講演会や読書会も開かれる予定だ。"]),
    "ko": ("시립 도서관 다시 문 열어",
           ["2년 동안 보수 공사를 마친 시립 도서관이 토요일 아침 다시 문을 열었다. 시민들은 "
            "이른 아침부터 입구 앞에 줄을 서서 새로 단장한 열람실을 둘러보았다.",
            "공사비는 약 40억 원이 들었으며, 백 석 규모의 열람실과 어린이 방, 작은 카페가 새로 "
            "생겼다. 관장은 장서도 오천 권 늘었다고 밝혔다.",
            "앞으로 주말마다 작가와의 만남과 독서 모임도 열릴 예정이다."]),
}

# encoding (Python codec), WHATWG label to declare, article, a wrong label
CASES = [
    ("cp1250", "windows-1250", "cs", "windows-1251"),
    ("cp1251", "windows-1251", "ru", "windows-1252"),
    ("cp1252", "windows-1252", "fr", "windows-1251"),
    ("cp1253", "windows-1253", "el", "windows-1252"),
    ("cp1254", "windows-1254", "tr", "windows-1251"),
    ("cp1255", "windows-1255", "he", "windows-1252"),
    ("cp1256", "windows-1256", "ar", "windows-1252"),
    ("cp1257", "windows-1257", "lt", "windows-1251"),
    ("cp1258", "windows-1258", "vi", "windows-1251"),
    ("latin-1", "iso-8859-1", "es", "iso-8859-5"),
    ("iso8859-2", "iso-8859-2", "pl", "iso-8859-5"),
    ("iso8859-5", "iso-8859-5", "ru", "iso-8859-1"),
    ("iso8859-7", "iso-8859-7", "el", "iso-8859-1"),
    ("iso8859-15", "iso-8859-15", "fr", "iso-8859-5"),
    ("koi8-r", "koi8-r", "ru", "windows-1251"),
    ("koi8-u", "koi8-u", "uk", "windows-1251"),
    ("gb18030", "gb18030", "zh-Hans", "windows-1252"),
    ("gbk", "gbk", "zh-Hans", "big5"),
    ("big5", "big5", "zh-Hant", "gbk"),
    ("shift_jis", "shift_jis", "ja", "euc-kr"),
    ("euc-jp", "euc-jp", "ja", "windows-1252"),
    ("euc-kr", "euc-kr", "ko", "shift_jis"),
    ("utf-16-le", "utf-16le", "ru", "windows-1252"),
    ("utf-16-be", "utf-16be", "el", "windows-1252"),
]


def page(lang, charset):
    title, paras = ARTICLES[lang]
    meta = '<meta charset="%s">\n' % charset if charset else ""
    body = "\n".join("<p>%s</p>" % p for p in paras)
    return ("<!DOCTYPE html>\n<html><head>\n%s<title>%s</title>\n</head>\n<body>\n"
            "<nav><a href=\"/\">Home</a> <a href=\"/archive\">Archive</a></nav>\n"
            "<article>\n<h1>%s</h1>\n%s\n</article>\n<footer>Contact</footer>\n</body></html>\n"
            % (meta, title, title, body))


TONES = "\u0300\u0301\u0303\u0309\u0323"


def encode(text, codec):
    if codec == "cp1258":
        # windows-1258 has the vowels with circumflex, breve and horn, and
        # writes the tone as a combining mark after them
        out = []
        for c in text:
            d = unicodedata.normalize("NFD", c)
            tones = "".join(m for m in d if m in TONES)
            base = unicodedata.normalize("NFC", "".join(m for m in d if m not in TONES))
            out.append(base + tones)
        text = "".join(out)
    return text.encode(codec)


def main():
    os.makedirs(OUT, exist_ok=True)
    rows = []
    for lang in ARTICLES:
        with open(os.path.join(OUT, "ref-%s.html" % lang), "wb") as f:
            f.write(page(lang, "utf-8").encode("utf-8"))
    for codec, label, lang, wrong in CASES:
        ref = "ref-%s.html" % lang
        utf16 = codec.startswith("utf-16")
        hows = ("right", "wrong", "none") if codec.startswith("utf-16") else \
            ("right", "wrong", "utf8", "none")
        for how in hows:
            declared = {"right": label, "wrong": wrong, "utf8": "utf-8", "none": None}[how]
            # a meta inside UTF-16 is not ASCII, so no prescan can read it:
            # UTF-16 is declared by the transport
            html = page(lang, None if utf16 else declared)
            variants = [("", html)]
            if utf16:
                variants = [("", html), ("bom-", html)]
            for prefix, h in variants:
                data = encode(h, codec)
                if prefix == "bom-":
                    data = (b"\xff\xfe" if codec.endswith("le") else b"\xfe\xff") + data
                name = "%s%s-%s.html" % (prefix, label, how)
                with open(os.path.join(OUT, name), "wb") as f:
                    f.write(data)
                ct = "text/html; charset=%s" % declared if utf16 and declared else "-"
                rows.append("\t".join((name, ct, ref)))
    with open(os.path.join(OUT, "cases.tsv"), "w") as f:
        f.write("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()

"""Invented demo text in three parallel languages (az, en, ru).

Nothing here is taken from any publication. Towns are made up; every template
takes the town as its grammatical subject so no language needs declension.
"""

TOWNS = [
    {"az": "Sahilabad", "en": "Sahilabad", "ru": "Сахилабад"},
    {"az": "Yaşılçay", "en": "Yashilchay", "ru": "Яшылчай"},
    {"az": "Qızılkənd", "en": "Gizilkend", "ru": "Гызылкенд"},
    {"az": "Dəmirli", "en": "Demirli", "ru": "Демирли"},
    {"az": "Günəşli", "en": "Gunashli", "ru": "Гюнешли"},
    {"az": "Çinarlı", "en": "Chinarli", "ru": "Чинарлы"},
    {"az": "Buludlu", "en": "Buludlu", "ru": "Булудлу"},
    {"az": "Narlıq", "en": "Narlig", "ru": "Нарлыг"},
    {"az": "Daşqala", "en": "Dashgala", "ru": "Дашгала"},
    {"az": "Sulukənd", "en": "Sulukend", "ru": "Сулукенд"},
]

SECTIONS = [
    {
        "key": "politics",
        "az": ("Siyasət", "siyaset"),
        "en": ("Politics", "politics"),
        "ru": ("Политика", "politika"),
    },
    {
        "key": "economy",
        "az": ("İqtisadiyyat", "iqtisadiyyat"),
        "en": ("Economy", "economy"),
        "ru": ("Экономика", "ekonomika"),
    },
    {"key": "world", "az": ("Dünya", "dunya"), "en": ("World", "world"), "ru": ("В мире", "mir")},
    {
        "key": "society",
        "az": ("Cəmiyyət", "cemiyyet"),
        "en": ("Society", "society"),
        "ru": ("Общество", "obshchestvo"),
    },
    {"key": "sport", "az": ("İdman", "idman"), "en": ("Sport", "sport"), "ru": ("Спорт", "sport")},
    {
        "key": "interviews",
        "az": ("Müsahibələr", "musahibeler"),
        "en": ("Interviews", "interviews"),
        "ru": ("Интервью", "intervyu"),
    },
    {
        "key": "opinion",
        "az": ("Rəy", "rey"),
        "en": ("Opinion", "opinion"),
        "ru": ("Мнения", "mneniya"),
    },
]

HOME_TITLES = {"az": "Xəbər Xətti", "en": "Newsline", "ru": "Ньюслайн"}

# Headline templates per section; {town} is always the subject.
HEADLINES = {
    "politics": [
        {
            "az": "{town} bələdiyyəsi yeni büdcə layihəsini müzakirəyə çıxarır",
            "en": "{town} council puts its new budget draft up for debate",
            "ru": "Совет города {town} выносит новый проект бюджета на обсуждение",
        },
        {
            "az": "{town} sakinləri yerli seçkilərdə rekord fəallıq göstərir",
            "en": "{town} residents turn out in record numbers for local vote",
            "ru": "Жители города {town} показали рекордную явку на местных выборах",
        },
        {
            "az": "{town} rəhbərliyi şəffaflıq portalını istifadəyə verir",
            "en": "{town} administration launches an open-data portal",
            "ru": "Администрация города {town} запускает портал открытых данных",
        },
        {
            "az": "{town} parlament komissiyasının səyyar iclasına ev sahibliyi edir",
            "en": "{town} hosts a travelling session of a parliamentary committee",
            "ru": "{town} принимает выездное заседание парламентского комитета",
        },
        {
            "az": "{town} gənclər şurası ilk qərarlarını açıqlayır",
            "en": "{town} youth council announces its first decisions",
            "ru": "Молодёжный совет города {town} объявляет первые решения",
        },
    ],
    "economy": [
        {
            "az": "{town} limanında yük dövriyyəsi artır",
            "en": "Cargo volumes rise at the port of {town}",
            "ru": "В порту города {town} растёт грузооборот",
        },
        {
            "az": "{town} fermerləri nar ixracını genişləndirir",
            "en": "{town} farmers expand their pomegranate exports",
            "ru": "Фермеры города {town} расширяют экспорт граната",
        },
        {
            "az": "{town} yeni texnologiya parkı üçün investor axtarır",
            "en": "{town} seeks investors for a new technology park",
            "ru": "{town} ищет инвесторов для нового технопарка",
        },
        {
            "az": "{town} kiçik bizneslər üçün güzəştli kredit proqramı başlayır",
            "en": "{town} starts a low-interest loan scheme for small firms",
            "ru": "В городе {town} стартует льготная кредитная программа для малого бизнеса",
        },
        {
            "az": "{town} günəş elektrik stansiyası tam gücü ilə işləyir",
            "en": "{town} solar plant reaches full capacity",
            "ru": "Солнечная электростанция города {town} вышла на полную мощность",
        },
    ],
    "world": [
        {
            "az": "{town} beynəlxalq su forumuna hazırlaşır",
            "en": "{town} prepares to host an international water forum",
            "ru": "{town} готовится принять международный водный форум",
        },
        {
            "az": "{town} qardaş şəhərləri ilə mədəni mübadilə proqramı imzalayır",
            "en": "{town} signs a cultural exchange with its twin cities",
            "ru": "{town} подписывает программу культурного обмена с городами-побратимами",
        },
        {
            "az": "{town} xarici tələbələr üçün yay məktəbi açır",
            "en": "{town} opens a summer school for students from abroad",
            "ru": "{town} открывает летнюю школу для иностранных студентов",
        },
        {
            "az": "{town} iqlim konfransında regional hesabat təqdim edir",
            "en": "{town} presents a regional report at the climate conference",
            "ru": "{town} представляет региональный доклад на климатической конференции",
        },
    ],
    "society": [
        {
            "az": "{town} məktəblərində yeni oxu zalları açılır",
            "en": "New reading rooms open in {town} schools",
            "ru": "В школах города {town} открываются новые читальные залы",
        },
        {
            "az": "{town} ictimai nəqliyyatda elektron bilet sistemi tətbiq edir",
            "en": "{town} introduces electronic tickets on public transport",
            "ru": "{town} вводит электронные билеты в общественном транспорте",
        },
        {
            "az": "{town} könüllüləri sahil təmizliyi aksiyası keçirir",
            "en": "{town} volunteers clean up the shoreline",
            "ru": "Волонтёры города {town} проводят уборку побережья",
        },
        {
            "az": "{town} xəstəxanası uşaq şöbəsini yeniləyir",
            "en": "{town} hospital renovates its children's ward",
            "ru": "Больница города {town} обновляет детское отделение",
        },
        {
            "az": "{town} kitabxanası gecə saatlarında da açıq olacaq",
            "en": "{town} library will stay open into the night",
            "ru": "Библиотека города {town} будет работать и в ночные часы",
        },
    ],
    "sport": [
        {
            "az": "{town} komandası mövsümün ilk qələbəsini qazanır",
            "en": "{town} side claims its first win of the season",
            "ru": "Команда города {town} одерживает первую победу в сезоне",
        },
        {
            "az": "{town} yarımmarafonunda iki min qaçışçı start götürür",
            "en": "Two thousand runners start the {town} half-marathon",
            "ru": "На полумарафоне в городе {town} стартуют две тысячи бегунов",
        },
        {
            "az": "{town} gənc güləşçiləri beynəlxalq turnirdən medalla qayıdır",
            "en": "{town} young wrestlers return from an international event with medals",
            "ru": "Юные борцы города {town} вернулись с международного турнира с медалями",
        },
        {
            "az": "{town} yeni üzgüçülük hovuzunu istifadəyə verir",
            "en": "{town} opens a new swimming pool",
            "ru": "{town} открывает новый плавательный бассейн",
        },
    ],
}

OPINION_HEADLINES = [
    {
        "az": "{town} nə üçün piyadalar üçün şəhər olmalıdır",
        "en": "Why {town} should be a city for walking",
        "ru": "Почему {town} должен стать городом для пешеходов",
    },
    {
        "az": "{town} üçün ən vacib sərmayə insanlardır",
        "en": "For {town}, the best investment is in people",
        "ru": "Для города {town} лучшие инвестиции — в людей",
    },
    {
        "az": "{town} kənd təsərrüfatında yeni düşüncəyə ehtiyac var",
        "en": "{town} farming needs new thinking",
        "ru": "Сельскому хозяйству города {town} нужен новый подход",
    },
    {
        "az": "{town} gəncləri niyə geri qayıtmalıdır",
        "en": "Why the young people of {town} should come back",
        "ru": "Почему молодёжь города {town} должна вернуться",
    },
]

INTERVIEW_HEADLINES = [
    {
        "az": "{name}: «{town} üçün əsas vəzifə sudur»",
        "en": "{name}: “Water is the main task for {town}”",
        "ru": "{name}: «Главная задача для города {town} — вода»",
    },
    {
        "az": "{name}: «Gənclər bizim ən böyük sərvətimizdir»",
        "en": "{name}: “Young people are our greatest asset”",
        "ru": "{name}: «Молодёжь — наше главное богатство»",
    },
    {
        "az": "{name}: «Rəqəmsal xidmətlər hər kəs üçün olmalıdır»",
        "en": "{name}: “Digital services must work for everyone”",
        "ru": "{name}: «Цифровые услуги должны быть доступны каждому»",
    },
]

SENTENCES = [
    {
        "az": "{town} rəsmiləri bildirir ki, işlər planlaşdırılan qrafik üzrə davam edir.",
        "en": "Officials in {town} say the work is on schedule.",
        "ru": "Официальные лица города {town} сообщают, что работы идут по графику.",
    },
    {
        "az": "Layihənin ilk mərhələsi gələn ay başa çatacaq.",
        "en": "The first stage of the project will be completed next month.",
        "ru": "Первый этап проекта завершится в следующем месяце.",
    },
    {
        "az": "Sakinlər dəyişikliklərə müsbət yanaşdıqlarını deyirlər.",
        "en": "Residents say they welcome the changes.",
        "ru": "Жители говорят, что приветствуют перемены.",
    },
    {
        "az": "Ekspertlər nəticələrin bir ildən sonra görünəcəyini gözləyirlər.",
        "en": "Experts expect the results to show within a year.",
        "ru": "Эксперты ожидают, что результаты проявятся в течение года.",
    },
    {
        "az": "Tədbirdə yerli icmanın nümayəndələri də iştirak edib.",
        "en": "Representatives of the local community also took part.",
        "ru": "В мероприятии также приняли участие представители местного сообщества.",
    },
    {
        "az": "Maliyyələşdirmənin bir hissəsi özəl sektordan gəlir.",
        "en": "Part of the funding comes from the private sector.",
        "ru": "Часть финансирования поступает из частного сектора.",
    },
    {
        "az": "Növbəti görüş payızda keçiriləcək.",
        "en": "The next meeting will be held in the autumn.",
        "ru": "Следующая встреча пройдёт осенью.",
    },
    {
        "az": "Təşkilatçılar iştirakçıların sayının artacağını gözləyirlər.",
        "en": "Organisers expect the number of participants to grow.",
        "ru": "Организаторы ожидают роста числа участников.",
    },
    {
        "az": "Qərar ictimai dinləmələrdən sonra qəbul edilib.",
        "en": "The decision was taken after public hearings.",
        "ru": "Решение было принято после общественных слушаний.",
    },
    {
        "az": "Bu, regionda ilk belə təşəbbüsdür.",
        "en": "It is the first initiative of its kind in the region.",
        "ru": "Это первая подобная инициатива в регионе.",
    },
    {
        "az": "Hesabatda qeyd olunur ki, göstəricilər ötən illə müqayisədə yaxşılaşıb.",
        "en": "The report notes that the figures improved on last year.",
        "ru": "В отчёте отмечается, что показатели улучшились по сравнению с прошлым годом.",
    },
    {
        "az": "Müzakirələr açıq və konstruktiv şəraitdə keçib.",
        "en": "The talks were open and constructive.",
        "ru": "Обсуждения прошли в открытой и конструктивной атмосфере.",
    },
]

QUOTES = [
    {
        "az": "Biz hər addımı sakinlərlə birlikdə atırıq.",
        "en": "We take every step together with the residents.",
        "ru": "Каждый шаг мы делаем вместе с жителями.",
    },
    {
        "az": "Bu, uzunmüddətli işin yalnız başlanğıcıdır.",
        "en": "This is only the beginning of long-term work.",
        "ru": "Это лишь начало долгосрочной работы.",
    },
]

QUESTIONS = [
    {
        "az": "{town} üçün bu il ən vacib məsələ nədir?",
        "en": "What is the most important issue for {town} this year?",
        "ru": "Какой вопрос для города {town} в этом году самый важный?",
    },
    {
        "az": "Sakinlərin gözləntilərini necə qiymətləndirirsiniz?",
        "en": "How do you read what residents expect?",
        "ru": "Как вы оцениваете ожидания жителей?",
    },
    {
        "az": "Maliyyə haradan gələcək?",
        "en": "Where will the money come from?",
        "ru": "Откуда придут деньги?",
    },
    {
        "az": "Gənclər üçün hansı imkanlar yaradılır?",
        "en": "What opportunities are being created for young people?",
        "ru": "Какие возможности создаются для молодёжи?",
    },
    {
        "az": "Ən böyük çətinlik nədir?",
        "en": "What is the biggest difficulty?",
        "ru": "В чём самая большая трудность?",
    },
    {
        "az": "Beş ildən sonra nəyi görmək istəyirsiniz?",
        "en": "What would you like to see in five years?",
        "ru": "Что вы хотели бы увидеть через пять лет?",
    },
    {
        "az": "Rəqəmsal xidmətlər nə dərəcədə əlçatandır?",
        "en": "How accessible are digital services?",
        "ru": "Насколько доступны цифровые услуги?",
    },
    {
        "az": "Oxuculara nə demək istərdiniz?",
        "en": "What would you like to tell our readers?",
        "ru": "Что бы вы хотели сказать нашим читателям?",
    },
]

ANSWERS = [
    {
        "az": "Ən vacib məsələ içməli sudur. Biz şəbəkəni mərhələlərlə yeniləyirik.",
        "en": "Drinking water comes first. We are renewing the network stage by stage.",
        "ru": "Главное — питьевая вода. Мы поэтапно обновляем сеть.",
    },
    {
        "az": "İnsanlar sürətli nəticə gözləyir və bu, təbiidir.",
        "en": "People expect quick results, and that is natural.",
        "ru": "Люди ждут быстрых результатов, и это естественно.",
    },
    {
        "az": "Vəsaitin bir hissəsi büdcədən, bir hissəsi isə tərəfdaşlardan gəlir.",
        "en": "Part of the money comes from the budget and part from partners.",
        "ru": "Часть средств поступает из бюджета, часть — от партнёров.",
    },
    {
        "az": "Biz təcrübə proqramları və yeni emalatxanalar açırıq.",
        "en": "We are opening internships and new workshops.",
        "ru": "Мы открываем стажировки и новые мастерские.",
    },
    {
        "az": "Vaxt. Hər layihə planlaşdırılandan uzun çəkir.",
        "en": "Time. Every project takes longer than planned.",
        "ru": "Время. Каждый проект занимает больше времени, чем планировалось.",
    },
    {
        "az": "Təmiz, yaşıl və gənclərin qaldığı bir şəhər.",
        "en": "A clean, green town where young people stay.",
        "ru": "Чистый, зелёный город, в котором остаётся молодёжь.",
    },
    {
        "az": "Xidmətlərin çoxu artıq onlayndır, amma hələ iş var.",
        "en": "Most services are online already, but there is more to do.",
        "ru": "Большинство услуг уже онлайн, но работа ещё есть.",
    },
    {
        "az": "Bizimlə danışın, fikirlərinizi bölüşün.",
        "en": "Talk to us and share your ideas.",
        "ru": "Говорите с нами и делитесь своими идеями.",
    },
]

PEOPLE = [
    # journalists
    {
        "slug": "aysel-quliyeva",
        "journalist": True,
        "az": ("Aysel Quliyeva", "Müxbir"),
        "en": ("Aysel Guliyeva", "Correspondent"),
        "ru": ("Айсель Кулиева", "Корреспондент"),
    },
    {
        "slug": "rauf-memmedli",
        "journalist": True,
        "az": ("Rauf Məmmədli", "Redaktor"),
        "en": ("Rauf Mammadli", "Editor"),
        "ru": ("Рауф Мамедли", "Редактор"),
    },
    {
        "slug": "nigar-hesenova",
        "journalist": True,
        "az": ("Nigar Həsənova", "İqtisadi müxbir"),
        "en": ("Nigar Hasanova", "Economics correspondent"),
        "ru": ("Нигяр Гасанова", "Экономический обозреватель"),
    },
    {
        "slug": "elvin-babayev",
        "journalist": True,
        "az": ("Elvin Babayev", "İdman müxbiri"),
        "en": ("Elvin Babayev", "Sports reporter"),
        "ru": ("Эльвин Бабаев", "Спортивный корреспондент"),
    },
    {
        "slug": "leyla-kerimova",
        "journalist": True,
        "az": ("Leyla Kərimova", "Köşə yazarı"),
        "en": ("Leyla Karimova", "Columnist"),
        "ru": ("Лейла Керимова", "Колумнист"),
    },
    {
        "slug": "tural-eliyev",
        "journalist": True,
        "az": ("Tural Əliyev", "Fotojurnalist"),
        "en": ("Tural Aliyev", "Photojournalist"),
        "ru": ("Турал Алиев", "Фотожурналист"),
    },
    # interviewees
    {
        "slug": "samir-veliyev",
        "journalist": False,
        "az": ("Samir Vəliyev", "İcra başçısı"),
        "en": ("Samir Valiyev", "Head of administration"),
        "ru": ("Самир Велиев", "Глава администрации"),
        "org": {
            "az": "Sahilabad bələdiyyəsi",
            "en": "Sahilabad municipality",
            "ru": "Муниципалитет Сахилабада",
        },
    },
    {
        "slug": "gunay-rzayeva",
        "journalist": False,
        "az": ("Günay Rzayeva", "Direktor"),
        "en": ("Gunay Rzayeva", "Director"),
        "ru": ("Гюнай Рзаева", "Директор"),
        "org": {
            "az": "Yaşılçay Gənclər Mərkəzi",
            "en": "Yashilchay Youth Centre",
            "ru": "Молодёжный центр Яшылчая",
        },
    },
    {
        "slug": "farid-huseynov",
        "journalist": False,
        "az": ("Fərid Hüseynov", "Təsisçi"),
        "en": ("Farid Huseynov", "Founder"),
        "ru": ("Фарид Гусейнов", "Основатель"),
        "org": {
            "az": "Dəmirli Rəqəmsal Laboratoriyası",
            "en": "Demirli Digital Lab",
            "ru": "Цифровая лаборатория Демирли",
        },
    },
    {
        "slug": "sevinc-abbasova",
        "journalist": False,
        "az": ("Sevinc Abbasova", "Professor"),
        "en": ("Sevinj Abbasova", "Professor"),
        "ru": ("Севиндж Аббасова", "Профессор"),
        "org": {
            "az": "Günəşli Universiteti",
            "en": "Gunashli University",
            "ru": "Университет Гюнешли",
        },
    },
]

BIOS = {
    "az": "Uzun illərdir ictimai sahədə çalışır.",
    "en": "Has worked in public life for many years.",
    "ru": "Много лет работает в общественной сфере.",
}

TOPICS = {
    "az": ["su", "gənclər", "nəqliyyat", "enerji", "təhsil", "turizm"],
    "en": ["water", "youth", "transport", "energy", "education", "tourism"],
    "ru": ["вода", "молодёжь", "транспорт", "энергетика", "образование", "туризм"],
}

# Corrections the demo publishes on one story per language (invented).
CORRECTIONS = {
    "az": "Xəbərin əvvəlki versiyasında görüşün günü səhv göstərilmişdi: görüş cümə axşamı olacaq.",
    "en": "An earlier version of this story gave the wrong day for the meeting; it is on Thursday.",
    "ru": "В первой версии материала был неверно указан день встречи: она пройдёт в четверг.",
}

# The demo's running live coverage, one per language (invented, like everything here).
LIVE = {
    "az": {
        "title": "Canlı: Kür çayında su səviyyəsi qalxır",
        "lead": "Sahil kəndlərindən gələn son xəbərlər, xilasedicilərin işi və yol vəziyyəti.",
        "updates": [
            (
                "Sular gecə saatlarında qalxmağa başladı",
                "Yerli sakinlər səviyyənin bir metrdən çox artdığını bildirir.",
            ),
            ("", "Xilasedicilər iki kənddə ailələrin köçürülməsinə başlayıb."),
            ("Yol bağlandı", "Sahil yolu axşama qədər nəqliyyat üçün bağlı qalacaq."),
            ("", "Məktəblər sabah dərs keçməyəcək, valideynlərə məlumat göndərilib."),
            ("Su səviyyəsi sabitləşir", "Hidroloqlar səhər saatlarında artımın dayandığını deyir."),
            ("", "Könüllülər qida və içməli su paylayır."),
        ],
    },
    "en": {
        "title": "Live: River Kura rising along the valley",
        "lead": "The latest from the riverside villages, the rescue teams and the roads.",
        "updates": [
            (
                "Water started rising overnight",
                "Residents say the level has gone up by more than a metre.",
            ),
            ("", "Rescue teams have begun moving families out of two villages."),
            ("Road closed", "The riverside road will stay closed to traffic until the evening."),
            ("", "Schools will not open tomorrow; parents have been told by message."),
            ("Level steadying", "Hydrologists say the rise stopped in the early morning."),
            ("", "Volunteers are handing out food and drinking water."),
        ],
    },
    "ru": {
        "title": "Онлайн: уровень воды в Куре растёт",
        "lead": "Последние новости из прибрежных сёл, работа спасателей и обстановка на дорогах.",
        "updates": [
            (
                "Вода начала подниматься ночью",
                "Жители говорят, что уровень вырос больше чем на метр.",
            ),
            ("", "Спасатели начали вывозить семьи из двух сёл."),
            ("Дорога закрыта", "Прибрежная дорога будет закрыта для движения до вечера."),
            ("", "Школы завтра не откроются, родителям разосланы сообщения."),
            ("Уровень стабилизируется", "Гидрологи говорят, что рост остановился под утро."),
            ("", "Волонтёры раздают еду и питьевую воду."),
        ],
    },
}

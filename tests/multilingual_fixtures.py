"""News pages in five languages, written for sitrep's tests (not taken from any site).

Each is a whole-page text dump as a browser saves it: the page <title> line, menu lines,
the headline, the story's paragraphs, page chrome after it. ``PAGES[lang]`` =
(page text, headline, first body paragraph, last body paragraph, a word to search for).
"""

FR_HEAD = "Les pourparlers sur le barrage reprennent à Genève"
FR = f"""{FR_HEAD} - Le Quotidien du Lac
Accueil
International
Économie
Se connecter
{FR_HEAD}
Les délégations des deux pays riverains se sont retrouvées mardi à Genève pour une nouvelle série de négociations sur le partage de l'eau du barrage, après trois mois d'interruption.
Le ministre de l'Eau a déclaré que « chaque litre compte pour les agriculteurs de la vallée » et a appelé à un accord avant l'été.
Selon les observateurs, les discussions porteront surtout sur le débit minimal garanti pendant la saison sèche, un point qui avait fait échouer la dernière rencontre en novembre.
Partager sur Facebook
Tous droits réservés
"""

RU_HEAD = "Паводок отрезал от мира три села в горах"
RU = f"""{RU_HEAD} — Вести долины
Главная
Новости
Погода
Войти
{RU_HEAD}
После сильных дождей в ночь на воскресенье река вышла из берегов и размыла единственную дорогу, которая связывает три горных села с районным центром.
Глава района сообщил, что «вертолёт доставит продукты и лекарства уже в понедельник», а спасатели эвакуировали двенадцать человек, в том числе четырёх детей.
Синоптики предупреждают, что уровень воды может подняться ещё на полметра до конца недели, и просят жителей не приближаться к берегу.
Поделиться
Все права защищены
"""

UK_HEAD = "У місті відкрили новий міст через річку"
UK = f"""{UK_HEAD} — Міські новини
Головна
Новини
Культура
Увійти
{UK_HEAD}
У четвер у місті урочисто відкрили новий пішохідний міст через річку, будівництво якого тривало майже два роки і неодноразово зупинялося через брак коштів.
Мер міста заявив, що „міст поєднає два береги і дві частини громади“, і подякував мешканцям за терпіння під час ремонту набережної.
За словами інженерів, конструкція розрахована на сто років служби, а вечорами її підсвічуватимуть ліхтарі, які живляться від сонячних панелей.
Поділитися
Усі права захищено
"""

AR_HEAD = "افتتاح مكتبة عامة جديدة في وسط المدينة"
AR = f"""{AR_HEAD} - أخبار المدينة
الرئيسية
أخبار
ثقافة
تسجيل الدخول
{AR_HEAD}
افتتحت البلدية يوم الأربعاء مكتبة عامة جديدة في وسط المدينة تضم أكثر من عشرين ألف كتاب وقاعة للأطفال ومختبرا للحاسوب مفتوحا للجميع مجانا.
وقال رئيس البلدية إن «المكتبة ستبقى مفتوحة حتى العاشرة مساء طوال أيام الأسبوع» مضيفا أن المشروع استغرق ثلاث سنوات من العمل.
وأعرب عدد من الطلاب الذين حضروا الافتتاح عن سعادتهم بالمكان الجديد، مؤكدين أنهم كانوا يضطرون سابقا إلى السفر إلى مدينة أخرى للدراسة.
شارك
جميع الحقوق محفوظة
"""

ZH_HEAD = "山区小学迎来第一批新教师"
ZH = f"""{ZH_HEAD} - 山城日报
首页
新闻
教育
登录
{ZH_HEAD}
本周一，十二名刚毕业的年轻教师来到县里最偏远的三所山区小学任教，这是当地多年来第一次一次性补充这么多教师，学生和家长都非常高兴。
校长表示：「有了新老师，孩子们终于可以上音乐课和美术课了。」他说，过去一名老师往往要同时教好几个年级的课程，压力很大。
县教育局介绍，今年还将为这些学校修建新的宿舍和食堂，并为每间教室配备电脑和投影设备，改善师生的学习和生活条件。
分享
版权所有
"""

PAGES = {
    "fr": (FR, FR_HEAD, "Les délégations des deux pays", "un point qui avait fait échouer la dernière rencontre en novembre.", "barrage"),
    "ru": (RU, RU_HEAD, "После сильных дождей", "просят жителей не приближаться к берегу.", "вертолёт"),
    "uk": (UK, UK_HEAD, "У четвер у місті", "які живляться від сонячних панелей.", "міст"),
    "ar": (AR, AR_HEAD, "افتتحت البلدية يوم الأربعاء", "للدراسة.", "مكتبة"),
    "zh": (ZH, ZH_HEAD, "本周一，十二名", "改善师生的学习和生活条件。", "教师"),
}

# An English score sheet: names, numbers and a date, few function words.
SCORE_TABLE = """Premier League results on Saturday, March 5, 2022:
Arsenal 2 Chelsea 1
Liverpool 0 Everton 0
Tottenham Hotspur 3 Newcastle United 1
Manchester City 4 Brighton 2
Aston Villa 1 Leeds United 1
"""

TENNIS_TABLE = """Tennis results from the city open on Wednesday (prefix number denotes seeding):
Second round
1-Marco Bellini (Italy) beat Tomas Havel (Czech Republic) 6-3 6-2
Lukas Brandt (Germany) beat 4-Pierre Moreau (France) 7-5 6-4
Jan Kowal (Poland) beat Diego Ruiz (Spain) 6-7 6-3 7-6
"""

# Hand transcription helper: every row below was typed from the seed text / the rendered PDF page.
import json, sys
Z7=[0]*7; Z5=[0]*5; N5=[None]*5
ROWS19=["new_received","carried_over","granted","partly_granted","withheld_state_secret","withheld_law_prohibited","withheld_security_stability","withheld_third_party","withheld_internal_affairs","withheld_process_info","withheld_enforcement_file","withheld_inquiry_matter","unavailable_not_held","unavailable_needs_creation","unavailable_still_unclear","declined_petition","declined_duplicate","declined_publication","declined_excessive","declined_confirmation","other","total","carried_forward"]
ROWS21=[r for r in ROWS19 if r!="other"]
def t3(rows, nonzero):
    d={r:list(Z7) for r in rows}
    d.update(nonzero); return d
def t2_19(reg,norm,lic,oth,pen,coe,fees,proc):
    c3=lambda a,b,c:{"new_made":a,"new_published":b,"total_published":c}
    i3=lambda a,b,c:{"prior_items":a,"change":b,"decisions":c}
    return {"regulations":c3(*reg),"normative_documents":c3(*norm),"licensing":i3(*lic),"other_services":i3(*oth),"penalty":i3(*pen),"coercion":i3(*coe),"fees":{"prior_items":fees[0],"change":fees[1]},"procurement":proc}
def t2_21(reg,norm,lic,pen,coe,fee):
    c3=lambda a,b,c:{"issued":a,"abolished":b,"in_force":c}
    return {"regulations":c3(*reg),"normative_documents":c3(*norm),"licensing":{"decisions":lic},"penalty":{"decisions":pen},"coercion":{"decisions":coe},"fees":{"amount_wan":fee}}
# sections: how each section starts; ends: how it ends (before the next heading, the signature
# and the site footer), both typed from the source.
def out(name, fmt, year, agency, t2, t3_, t4, extra, sections, diags, ends):
    d={"schema":"gongkai.annual-report/1","format":fmt,"year":year,"agency":agency,"table2":t2,"table3":t3_,
       "table4":{"admin_review":t4[0],"litigation_direct":t4[1],"litigation_after_review":t4[2]},
       "extra_rows":extra,"sections":sections,"diagnostics":diags,"section_ends":ends}
    open(name,"w").write(json.dumps(d,ensure_ascii=False,indent=1)+"\n")
def dg(rule,loc): return {"rule":rule,"severity":"warning","location":loc,"message":"（见解析结果）"}

# 000 剑南街道: （七）总计 printed all 0 although 一 and （一） are 1 → T3-01 break kept as printed.
out("000_36175d826d098ba6.json","2019",2020,"剑南街道",
    t2_19((0,0,0),(0,0,0),(0,4,4),(0,0,0),(0,5,5),(0,0,0),(0,0),{"projects":11,"amount_wan":56,"amount_text":"56万"}),
    t3(ROWS19,{"new_received":[1,0,0,0,0,0,1],"granted":[1,0,0,0,0,0,1]}),
    (Z5,Z5,Z5),[],
    {"preface":"根据新修订《中华人民共和国政府信息公开条例》","overview":"2020年，我街以习近平新时代","problems":"2020年，我街道政府信息公开工作虽然取得了一定成效","other":""},[],
    {"preface":"联系电话：07957152898）。","overview":"未发生政务公开责任追究情况。","problems":"开展电子政务的业务培训等。","other":""})
# 001 荔湾区花地街: two rows printed with 6 zeros (the 7th lost at the page break), table 4 with 16 zeros.
out("001_77c3b53386b2261e.json","2019",2020,"荔湾区花地街",
    t2_19((0,0,0),(0,0,0),(0,0,0),(0,0,0),(0,0,0),(0,0,0),(0,0),{"projects":41,"amount_wan":567.27,"amount_text":"567.27万元"}),
    t3(ROWS19,{}),(Z5,Z5,Z5),[],
    {"preface":"2020 年以来，花地街政务公开工作","overview":"2020 年，花地街道办事处通过","problems":"我街道在政务信息公开方面虽然做了很多工作","other":"目前无发现其他需要报告的事项。"},
    [dg("P-REPAIR","table3.withheld_state_secret"),dg("P-REPAIR","table3.withheld_law_prohibited"),dg("P-REPAIR","table4")],
    {"preface":"政府信息公开工作情况。","overview":"关注量不断上升。","problems":"检查结果在全街进行通报。","other":"目前无发现其他需要报告的事项。"})
# 002 青山苗族乡: every table-3 row prints a single “0” followed by filler pipes → read as all zeros, with P-REPAIR.
out("002_295a8621132f85eb.json","2019",2020,"青山苗族乡",
    t2_19((0,0,0),(338,19,19),(2,0,1),(0,0,0),(5,0,0),(3,0,0),(0,0),{"projects":0,"amount_wan":0}),
    t3(ROWS19,{}),(Z5,Z5,Z5),[],
    {"preface":"根据《中华人民共和国政府信息公开条例》","overview":"2020年,在省、市、县的指导下","problems":"(一)公开人员不够专业化。"},
    [dg("P-REPAIR","table3.new_received"),dg("P-REPAIR","table3.total")],
    {"preface":"电话:0851-87610018)。","overview":"从事政府信息公开工作1人。","problems":"是群众得到快捷、方便的服务。"})
# 003 中心路街道: table 4 prints only 10 numbers → 复议后起诉 left blank, P-MISSING.
out("003_996cebfdf3cbf220.json","2019",2020,"郑州市上街区中心路街道办事处",
    t2_19((0,0,0),(0,0,4),(0,0,0),(0,0,0),(0,0,0),(0,0,0),(0,0),{"projects":8,"amount_wan":987.036}),
    t3(ROWS19,{}),(Z5,Z5,N5),[],
    {"preface":"本报告由郑州市上街区中心路街道办事处","overview":"2020年,中心路街道办事处","problems":"2020年,政府信息公开工作取得了一定成效","other":"无。"},
    [dg("P-MISSING","table4")],
    {"preface":"邮编450041)","overview":"未发生政策解读失误问题。","problems":"服务社会管理创新。","other":"无。"})
# 004 袁州区
out("004_321816853e0a54d9.json","2019",2020,"袁州区",
    t2_19((0,0,0),(70,70,183),(1920,273,1787),(66,2,68),(3727,504,2803),(79,8,64),(16,9),{"projects":526,"amount_wan":4166.18}),
    t3(ROWS19,{"new_received":[54,0,0,0,0,1,55],"granted":[31,0,0,0,0,0,31],"partly_granted":[1,0,0,0,0,0,1],
      "withheld_security_stability":[1,0,0,0,0,0,1],"withheld_enforcement_file":[0,0,0,0,0,1,1],
      "unavailable_not_held":[7,0,0,0,0,0,7],"unavailable_still_unclear":[1,0,0,0,0,0,1],"other":[13,0,0,0,0,0,13],
      "total":[54,0,0,0,0,1,55]}),
    ([0,2,0,0,2],Z5,Z5),[],
    {"preface":"根据《中华人民共和国政府信息公开条例》","overview":"根据区委、区政府统一工作部署","problems":"2020年，我区政务公开工作稳步有序推进","other":"无其他需要报告的事项。"},[],
    {"preface":"（联系电话：0795-3228286）","overview":"为全区政务公开工作打牢基础。","problems":"实现更大的工作突破。","other":"无其他需要报告的事项。"})
# hongze-2023: 2021 format but （六）其他处理 printed as one row → kept as `other` (REPORT_JSON.md §1). 行政复议 总计 printed 0.
out("hongze-2023.json","2021",2023,"洪泽区人民政府",
    t2_21((0,0,0),(0,5,5),550,4119,195,7730.28),
    t3(ROWS19,{"new_received":[21,0,0,0,0,0,21],"partly_granted":[4,0,0,0,0,0,4],"withheld_state_secret":[1,0,0,0,0,0,1],
      "withheld_process_info":[1,0,0,0,0,0,1],"withheld_enforcement_file":[1,0,0,0,0,0,1],"unavailable_not_held":[10,0,0,0,0,0,10],
      "unavailable_needs_creation":[3,0,0,0,0,0,3],"declined_petition":[1,0,0,0,0,0,1],"total":[21,0,0,0,0,0,21]}) ,
    ([10,1,0,0,0],Z5,[5,0,0,0,0]),
    [],
    {"preface":"本报告由淮安市洪泽区人民政府办公室","overview":"2023 年，洪泽区人民政府坚持","problems":"2023 年，洪泽区政府信息公开工作取得一定的成效","other":"2023 年，区政府严格落实"},
    [],
    {"preface":"hzzwgk@126.com）。","overview":"建立政府网站日常监测机制。","problems":"思想认识和业务工作水平。","other":"全年收取政府信息公开信息处理费0元。"})
out("hongze-2024.json","2021",2024,"淮安市洪泽区人民政府",
    t2_21((0,0,0),(3,0,8),9487,2776,84,7545),
    t3(ROWS19,{"new_received":[95,0,0,0,0,0,95],"granted":[50,0,0,0,0,0,50],"partly_granted":[9,0,0,0,0,0,9],
      "withheld_security_stability":[1,0,0,0,0,0,1],"withheld_process_info":[1,0,0,0,0,0,1],"withheld_enforcement_file":[1,0,0,0,0,0,1],
      "unavailable_not_held":[31,0,0,0,0,0,31],"unavailable_needs_creation":[1,0,0,0,0,0,1],"declined_petition":[1,0,0,0,0,0,1],
      "total":[95,0,0,0,0,0,95]}),
    ([1,1,0,0,2],[1,0,0,0,1],[2,0,1,0,3]),
    [],
    {"preface":"本报告由淮安市洪泽区人民政府办公室","overview":"2024 年，淮安市洪泽区人民政府坚持","problems":"2024 年，全区政府信息公开工作虽取得一定成绩","other":"2024 年，区政府严格落实"},
    [],
    {"preface":"电话：0517-87290606）。","overview":"国务院重大方针政策。","problems":"思想认识和业务工作水平。","other":"全年收取政府信息公开信息处理费0元。"})
